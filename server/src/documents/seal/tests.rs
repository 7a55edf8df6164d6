use super::*;
use time::macros::datetime;

fn sealer(seed: u8) -> Sealer {
    Sealer::new(SigningKey::from_bytes(&[seed; 32]))
}

fn meta() -> SealMeta {
    SealMeta {
        request_id: "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b".into(),
        issued_at: datetime!(2026-11-25 05:04:00 UTC),
        outcome: "refused".into(),
        ground: Some("consent_missing".into()),
    }
}

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n";

/// Where the trailer's fields start: (JSON, signature).
fn field_starts(sealed: &[u8]) -> (usize, usize) {
    let spaces: Vec<usize> = sealed
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b' ')
        .map(|(i, _)| i)
        .collect();
    let n = spaces.len();
    (spaces[n - 2] + 1, spaces[n - 1] + 1)
}

#[test]
fn a_sealed_file_verifies_and_says_what_it_seals() {
    let s = sealer(7);
    let sealed = s.seal(PDF, &meta()).unwrap();
    assert!(sealed.starts_with(PDF));
    let line = std::str::from_utf8(&sealed[PDF.len()..]).unwrap();
    assert!(line.starts_with(&format!("\n%NOMIR-SEAL v1 {} ", s.key_id())));
    assert!(line.ends_with('\n') && line.lines().count() == 2);
    assert_eq!(s.key_id().len(), 16);
    assert_eq!(verify(&sealed, &[s.public_key()]), Ok(meta()));
    let other = sealer(8).public_key();
    assert_eq!(verify(&sealed, &[other, s.public_key()]), Ok(meta()));
}

#[test]
fn any_changed_byte_breaks_the_seal() {
    let s = sealer(7);
    let sealed = s.seal(PDF, &meta()).unwrap();
    let (json, signature) = field_starts(&sealed);
    let mut positions = vec![0, 5, PDF.len() / 2, PDF.len() - 2, PDF.len() - 1];
    positions.extend(json..signature - 1);
    positions.extend(signature..sealed.len() - 1);
    for at in positions {
        for flip in [0x01, 0x20, 0x80] {
            let mut bad = sealed.clone();
            bad[at] ^= flip;
            assert_eq!(
                verify(&bad, &[s.public_key()]),
                Err(SealError::Altered),
                "byte {at} ^ {flip:#x}"
            );
        }
    }
    // Wherever a byte changes, the seal never holds.
    for at in 0..sealed.len() {
        let mut bad = sealed.clone();
        bad[at] = bad[at].wrapping_add(1);
        assert!(verify(&bad, &[s.public_key()]).is_err(), "byte {at}");
    }
}

#[test]
fn added_or_removed_bytes_break_the_seal() {
    let s = sealer(7);
    let sealed = s.seal(PDF, &meta()).unwrap();
    let keys = [s.public_key()];
    let mut longer = sealed.clone();
    longer.insert(3, b' ');
    assert_eq!(verify(&longer, &keys), Err(SealError::Altered));
    let mut appended = sealed.clone();
    appended.extend_from_slice(b"more\n");
    assert_eq!(verify(&appended, &keys), Err(SealError::Altered));
    assert_eq!(
        verify(&sealed[..sealed.len() - 1], &keys),
        Err(SealError::Altered)
    );
    let mut shorter = sealed.clone();
    shorter.remove(PDF.len() - 3);
    assert_eq!(verify(&shorter, &keys), Err(SealError::Altered));
}

#[test]
fn another_keys_seal_is_not_trusted() {
    let sealed = sealer(9).seal(PDF, &meta()).unwrap();
    assert_eq!(
        verify(&sealed, &[sealer(7).public_key()]),
        Err(SealError::UnknownKey)
    );
    assert_eq!(verify(&sealed, &[]), Err(SealError::UnknownKey));
}

#[test]
fn a_plain_pdf_is_not_sealed_and_a_huge_file_is_not_read() {
    let keys = [sealer(7).public_key()];
    assert_eq!(verify(PDF, &keys), Err(SealError::NotSealed));
    assert_eq!(verify(b"", &keys), Err(SealError::NotSealed));
    let huge = vec![b'%'; MAX_FILE_BYTES + 1];
    assert_eq!(verify(&huge, &keys), Err(SealError::TooLarge));
}

#[test]
fn garbage_never_panics() {
    let s = sealer(7);
    let keys = [s.public_key()];
    let sealed = s.seal(PDF, &meta()).unwrap();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..2000 {
        let len = (next() % 600) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if round % 2 == 0 {
            // Random bytes after a real mark and key id, to reach the parser.
            let (json, _) = field_starts(&sealed);
            let mut prefix = sealed[..json].to_vec();
            prefix.append(&mut bytes);
            bytes = prefix;
        }
        assert!(verify(&bytes, &keys).is_err());
    }
    for line in [
        "\n%NOMIR-SEAL \n",
        "\n%NOMIR-SEAL v1\n",
        "\n%NOMIR-SEAL v1 a b c d e\n",
        "\n%NOMIR-SEAL v2 0000000000000000 e30= AAAA\n",
        "\n%NOMIR-SEAL v1 \u{0} \u{0} \u{0}\n",
    ] {
        let mut file = PDF.to_vec();
        file.extend_from_slice(line.as_bytes());
        assert!(verify(&file, &keys).is_err(), "{line:?}");
    }
}

#[test]
fn an_upload_read_in_pieces_checks_as_the_whole_file_and_stays_bounded() {
    let s = sealer(7);
    let keys = [s.public_key()];
    let sealed = s.seal(PDF, &meta()).unwrap();
    for piece in [1, 7, 64, sealed.len()] {
        let mut upload = Upload::new();
        for chunk in sealed.chunks(piece) {
            upload.push(chunk).unwrap();
        }
        assert_eq!(upload.len(), sealed.len());
        assert_eq!(upload.verify(&keys).map(|(m, _)| m), Ok(meta()));
    }
    let mut bad = sealed.clone();
    bad[3] ^= 1;
    let mut upload = Upload::new();
    upload.push(&bad).unwrap();
    assert_eq!(upload.verify(&keys).err(), Some(SealError::Altered));

    // The buffer never grows past the largest file, and refuses more.
    let mut upload = Upload::new();
    let chunk = vec![b'%'; 300 * 1024];
    while upload.len() + chunk.len() <= MAX_FILE_BYTES {
        upload.push(&chunk).unwrap();
    }
    upload
        .push(&chunk[..MAX_FILE_BYTES - upload.len()])
        .unwrap();
    assert_eq!(upload.len(), MAX_FILE_BYTES);
    assert_eq!(upload.push(b"x"), Err(SealError::TooLarge));
    assert!(upload.buf.capacity() <= PREFIX + MAX_FILE_BYTES);
    assert_eq!(upload.verify(&keys).err(), Some(SealError::NotSealed));
}

#[test]
fn the_private_key_never_prints() {
    let s = sealer(7);
    assert_eq!(format!("{s:?}"), format!("Sealer({})", s.key_id()));
}
