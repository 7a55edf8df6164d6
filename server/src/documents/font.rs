//! The document's fonts: DejaVu Sans and DejaVu Sans Bold, built into the
//! binary (`server/fonts/`, Bitstream Vera licence), because the PDF must
//! show Kazakh letters (ә ғ қ ң ө ұ ү һ і) on any reader, and the standard
//! PDF fonts have none of them.
//!
//! Only the glyphs a document uses are embedded (a subset), as a CID font
//! with a ToUnicode map, so the file stays small and its text can still be
//! searched and copied. Everything is derived from the text alone, in the
//! order it is drawn, so the same document gives the same bytes.

use std::collections::BTreeMap;
use std::io::Write;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

const REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// The font could not be read or cut down; a bug or a broken build.
#[derive(Debug, thiserror::Error)]
#[error("the document's font {0}")]
pub struct FontError(String);

/// One font as a document uses it: its glyphs, and which of them were drawn.
pub struct Font {
    face: ttf_parser::Face<'static>,
    data: &'static [u8],
    name: &'static str,
    /// Original glyph id → id in the subset, in the order first drawn.
    glyphs: GlyphRemapper,
    /// Subset glyph id → the character it was drawn for (ToUnicode).
    chars: BTreeMap<u16, char>,
}

impl Font {
    pub fn regular() -> Result<Self, FontError> {
        Self::parse(REGULAR, "DejaVuSans")
    }

    pub fn bold() -> Result<Self, FontError> {
        Self::parse(BOLD, "DejaVuSans-Bold")
    }

    fn parse(data: &'static [u8], name: &'static str) -> Result<Self, FontError> {
        let face = ttf_parser::Face::parse(data, 0)
            .map_err(|e| FontError(format!("{name} cannot be read: {e}")))?;
        Ok(Self {
            face,
            data,
            name,
            glyphs: GlyphRemapper::new(),
            chars: BTreeMap::new(),
        })
    }

    /// The glyph that draws `c` (0, the empty box, if the font has none).
    pub fn glyph(&self, c: char) -> u16 {
        self.face.glyph_index(c).map_or(0, |g| g.0)
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(self.advance(self.glyph(c))))
            .sum();
        units as f32 * size / self.units_per_em()
    }

    fn advance(&self, glyph: u16) -> u16 {
        self.face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(0)
    }

    fn units_per_em(&self) -> f32 {
        f32::from(self.face.units_per_em())
    }

    /// `text` as the two-byte glyph ids of the subset (Identity-H), noting
    /// each glyph as used.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let new = self.glyphs.remap(self.glyph(c));
            self.chars.entry(new).or_insert(c);
            out.extend_from_slice(&new.to_be_bytes());
        }
        out
    }

    /// Writes the font (Type 0 at `refs.font`, the objects after it) with
    /// the subset of the glyphs drawn so far.
    pub fn write(&self, pdf: &mut Pdf, refs: FontRefs) -> Result<(), FontError> {
        let subset = subsetter::subset(self.data, 0, &self.glyphs)
            .map_err(|e| FontError(format!("{} cannot be subset: {e}", self.name)))?;
        let base = format!("{}+{}", self.subset_tag(), self.name);
        let base = Name(base.as_bytes());
        let info = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        pdf.type0_font(refs.font)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(refs.cid_font)
            .to_unicode(refs.to_unicode);

        let per_mille = 1000.0 / self.units_per_em();
        let widths: Vec<f32> = self
            .glyphs
            .remapped_gids()
            .map(|g| f32::from(self.advance(g)) * per_mille)
            .collect();
        let mut cid = pdf.cid_font(refs.cid_font);
        cid.subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(info)
            .font_descriptor(refs.descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();

        let b = self.face.global_bounding_box();
        let scaled = |v: i16| f32::from(v) * per_mille;
        let bold = self.name.ends_with("Bold");
        pdf.font_descriptor(refs.descriptor)
            .name(base)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                scaled(b.x_min),
                scaled(b.y_min),
                scaled(b.x_max),
                scaled(b.y_max),
            ))
            .italic_angle(0.0)
            .ascent(scaled(self.face.ascender()))
            .descent(scaled(self.face.descender()))
            .cap_height(scaled(self.face.capital_height().unwrap_or(0)))
            .stem_v(if bold { 140.0 } else { 80.0 })
            .font_file2(refs.file);

        let mut cmap = UnicodeCmap::new(Name(b"Nomir-UTF16"), info);
        for (&glyph, &c) in &self.chars {
            cmap.pair(glyph, c);
        }
        pdf.cmap(refs.to_unicode, &cmap.finish());

        pdf.stream(refs.file, &deflate(&subset))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
        Ok(())
    }

    /// Six capital letters naming this subset (PDF 32000 §9.6.4), taken
    /// from the glyphs it holds, so the same text gives the same name.
    fn subset_tag(&self) -> String {
        let mut hash = Sha256::new();
        for g in self.glyphs.remapped_gids() {
            hash.update(g.to_be_bytes());
        }
        hash.finalize()[..6]
            .iter()
            .map(|b| char::from(b'A' + b % 26))
            .collect()
    }
}

/// The five objects of one embedded font.
#[derive(Debug, Clone, Copy)]
pub struct FontRefs {
    pub font: Ref,
    pub cid_font: Ref,
    pub descriptor: Ref,
    pub to_unicode: Ref,
    pub file: Ref,
}

impl FontRefs {
    /// Five consecutive objects from `first`.
    pub fn from(first: Ref) -> Self {
        let n = first.get();
        Self {
            font: first,
            cid_font: Ref::new(n + 1),
            descriptor: Ref::new(n + 2),
            to_unicode: Ref::new(n + 3),
            file: Ref::new(n + 4),
        }
    }
}

/// Zlib-compressed bytes for a FlateDecode stream (same input, same output).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_fonts_draw_every_kazakh_letter() {
        let letters = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";
        for font in [Font::regular().unwrap(), Font::bold().unwrap()] {
            for c in letters.chars() {
                assert_ne!(font.glyph(c), 0, "{} has no {c}", font.name);
            }
        }
    }

    #[test]
    fn encoding_numbers_glyphs_in_the_order_first_drawn() {
        let mut font = Font::regular().unwrap();
        assert_eq!(font.encode("ққа"), [0, 1, 0, 1, 0, 2]);
        assert_eq!(font.chars.get(&1), Some(&'қ'));
        assert!(font.width("ққа", 10.0) > font.width("қа", 10.0));
    }
}
