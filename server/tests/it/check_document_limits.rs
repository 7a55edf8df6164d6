//! The public document check under load: each upload is read a chunk at a
//! time into one bounded buffer, at most `CHECKS_AT_ONCE` run at once (the
//! others are told 503 and when to retry) and at most `CHECKS_PER_SOURCE`
//! per source (429), so many parallel 5 MiB uploads neither take the
//! server's memory nor go unanswered.
//!
//! Uploads come from several addresses of the loopback network
//! (127.0.0.0/8), each a source of its own; nothing leaves the machine.

use crate::support;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use nomir::demo::seal::sealer as demo_sealer;
use nomir::documents::pdf;
use nomir::documents::seal::MAX_FILE_BYTES;
use nomir::portal::result_document::{CHECKS_AT_ONCE, CHECKS_PER_SOURCE};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, StatusCode};
use support::portal::App;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpSocket, TcpStream};

fn loopback(n: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, n))
}

fn client_from(ip: IpAddr) -> Client {
    Client::builder()
        .local_address(ip)
        .timeout(Duration::from_secs(120))
        .build()
        .unwrap()
}

/// A signed document of about `size` bytes (the demo provider signs; the
/// demo server trusts it): a real one, grown by a comment after its
/// header, which the signature covers like the rest.
fn sealed_document(size: usize) -> Vec<u8> {
    let doc = nomir::documents::ResultDocument::sample();
    let mut prepared = pdf::render(&doc).unwrap();
    let header = prepared.iter().position(|&b| b == b'\n').unwrap() + 1;
    let grow = size.saturating_sub(prepared.len() + 2 * 8192 + 2);
    let mut comment = vec![b'%'; grow];
    comment.push(b'\n');
    prepared.splice(header..header, comment);
    demo_sealer().unwrap().seal(prepared).unwrap()
}

async fn check(app: &App, client: &Client, file: &'static [u8]) -> reqwest::Response {
    app.check_document(client, file.to_vec()).await
}

/// An upload from `ip` that sends its start and then holds the connection
/// open, as a slow client does; it holds a place until dropped.
async fn slow_upload(app: &App, ip: IpAddr) -> TcpStream {
    let server: SocketAddr = app.base.trim_start_matches("http://").parse().unwrap();
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(ip, 0)).unwrap();
    let mut stream = socket.connect(server).await.unwrap();
    let head = format!(
        "POST /check-document HTTP/1.1\r\nHost: {host}\r\nOrigin: {base}\r\n\
         Cookie: nomir_lang=en\r\nContent-Type: multipart/form-data; boundary=XYZ\r\n\
         Content-Length: 100000\r\n\r\n--XYZ\r\n\
         Content-Disposition: form-data; name=\"document\"; filename=\"a.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n%PDF-1.7\n",
        host = server,
        base = app.base,
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.flush().await.unwrap();
    stream
}

fn vm_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_parallel_uploads_are_all_answered_and_memory_stays_bounded() {
    let app = App::spawn().await;
    let file: &'static [u8] = sealed_document(MAX_FILE_BYTES - 4096).leak();
    assert!(file.len() <= MAX_FILE_BYTES);
    // The file checks.
    let first = check(&app, &client_from(loopback(1)), file).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert!(first.text().await.unwrap().contains("data-valid=\"true\""));

    let peak_before = vm_kib("VmHWM:");
    let uploads = 64usize;
    let tasks: Vec<_> = (0..uploads)
        .map(|i| {
            // Two uploads from each of 32 sources.
            let client = client_from(loopback(10 + (i / 2) as u8));
            let url = app.url("/check-document");
            let base = app.base.clone();
            tokio::spawn(async move {
                let form = Form::new().part("document", Part::bytes(file).file_name("a.pdf"));
                let r = client
                    .post(url)
                    .header("origin", base)
                    .header("cookie", "nomir_lang=en")
                    .multipart(form)
                    .send()
                    .await
                    .expect("every upload is answered");
                let status = r.status();
                let retry_after = r.headers().get("retry-after").cloned();
                let body = r.text().await.unwrap();
                (status, retry_after, body)
            })
        })
        .collect();
    let answers = tokio::time::timeout(Duration::from_secs(240), async {
        let mut answers = Vec::new();
        for t in tasks {
            answers.push(t.await.unwrap());
        }
        answers
    })
    .await
    .expect("no upload hangs");
    let peak_after = vm_kib("VmHWM:");

    let mut counts = std::collections::BTreeMap::new();
    for (status, retry_after, body) in &answers {
        *counts.entry(status.as_u16()).or_insert(0) += 1;
        assert!(
            [200, 429, 503].contains(&status.as_u16()),
            "unexpected {status}: {body}"
        );
        assert!(body.contains("<html lang=\"en\">"), "{body}");
        if *status != StatusCode::OK {
            assert_eq!(retry_after.as_ref().unwrap(), "5");
        }
    }
    assert!(counts.get(&200).copied().unwrap_or(0) >= 1, "{counts:?}");
    // Memory: at most CHECKS_AT_ONCE buffers of the file (8 × 5 MiB), plus
    // the connections of the refused ones being read and thrown away, whatever the
    // number of uploads (before, each upload was read whole and copied,
    // about 10 MiB each, some 600 MB for 64 by that estimate).
    let grown_mb = peak_after.saturating_sub(peak_before) / 1024;
    eprintln!("answers {counts:?}; peak memory grew {grown_mb} MB");
    assert!(
        grown_mb < 128,
        "peak memory grew {grown_mb} MB ({counts:?})"
    );
}

#[tokio::test]
async fn a_source_with_its_share_in_progress_is_told_to_wait_and_others_are_not() {
    let app = App::spawn().await;
    let file: &'static [u8] = sealed_document(10_000).leak();
    let mine = loopback(20);
    let mut held = Vec::new();
    for _ in 0..CHECKS_PER_SOURCE {
        held.push(slow_upload(&app, mine).await);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    let r = check(&app, &client_from(mine), file).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "5");
    let page = r.text().await.unwrap();
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    assert!(page.contains("still being checked"), "{page}");

    // Another source is not held back.
    let r = check(&app, &client_from(loopback(21)), file).await;
    assert_eq!(r.status(), StatusCode::OK);

    // Once one upload ends, the source may check again.
    drop(held.pop());
    let mut status = StatusCode::TOO_MANY_REQUESTS;
    for _ in 0..50 {
        status = check(&app, &client_from(mine), file).await.status();
        if status != StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn when_every_place_is_taken_a_new_source_is_told_503_and_when_to_retry() {
    let app = App::spawn().await;
    let file: &'static [u8] = sealed_document(10_000).leak();
    let mut held = Vec::new();
    for i in 0..CHECKS_AT_ONCE {
        held.push(slow_upload(&app, loopback(30 + i as u8)).await);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let r = check(&app, &client_from(loopback(60)), file).await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers()["retry-after"], "5");
    let page = r.text().await.unwrap();
    assert!(
        page.contains("Too many documents are being checked"),
        "{page}"
    );
    drop(held);
    let mut status = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..50 {
        status = check(&app, &client_from(loopback(60)), file).await.status();
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, StatusCode::OK);
}
