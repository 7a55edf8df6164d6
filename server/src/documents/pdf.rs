//! The result document as one A4 PDF page: the provider, the title, the
//! request and the citizen, the outcome (for a refusal, the ground's
//! reason and legal basis, worded as on the pages), the times, and how to
//! check the seal.
//!
//! Written with `pdf-writer` (typst's step-by-step writer: no hidden ids,
//! no clock), so the bytes depend on the [`ResultDocument`] alone: the
//! creation date is its `issued_at`, the file id is derived from it, and a
//! test can compare two renderings.

use nomir_core::i18n::document::DocumentTexts;
use nomir_core::i18n::Texts;
use pdf_writer::types::SigFlags;
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::font::{deflate, Font, FontError, FontRefs};
use super::pades;
use super::{local_time, Outcome, ResultDocument};
use crate::domain::complaint;
use crate::domain::{Channel, Purpose};

/// The last day to complain, as a date in Kazakhstan.
const DAY: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[day].[month].[year]");

/// The document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// Its fonts did not load: a broken build.
    #[error(transparent)]
    Font(#[from] FontError),
    /// What the seal states cannot be written (an issue time past 9999).
    #[error("the seal's data cannot be written: {0}")]
    Meta(#[from] serde_json::Error),
}

/// A4 in points.
const WIDTH: f32 = 595.28;
const HEIGHT: f32 = 841.89;
const LEFT: f32 = 56.0;
const RIGHT: f32 = WIDTH - 56.0;
const TOP: f32 = HEIGHT - 60.0;
/// The lowest a baseline may fall: the document is one page.
#[cfg(test)]
const BOTTOM: f32 = 40.0;
/// Where the values of the label–value rows start.
const VALUE_X: f32 = LEFT + 160.0;
const LABEL_GAP: f32 = 12.0;
const GREY: f32 = 0.35;

const CATALOG: Ref = Ref::new(1);
const PAGES: Ref = Ref::new(2);
const PAGE: Ref = Ref::new(3);
const CONTENT: Ref = Ref::new(4);
const INFO: Ref = Ref::new(5);
const SIGNATURE_FIELD: Ref = Ref::new(6);
const SIGNATURE: Ref = Ref::new(7);
const REGULAR_REFS: Ref = Ref::new(10);
const BOLD_REFS: Ref = Ref::new(20);

/// The PDF bytes of `doc`, the same for the same document, with room for
/// the provider's signature ([`super::pades`]), which
/// [`super::Sealer::seal`] fills.
pub fn render(doc: &ResultDocument) -> Result<Vec<u8>, RenderError> {
    let words = nomir_core::i18n::document_texts(doc.lang);
    let texts = doc.lang.texts();
    let mut page = Page::new()?;
    draw(&mut page, doc, words, texts);

    let mut pdf = Pdf::new();
    let mut catalog = pdf.catalog(CATALOG);
    catalog.pages(PAGES).lang(TextStr(doc.lang.code()));
    catalog
        .form()
        .fields([SIGNATURE_FIELD])
        .sig_flags(SigFlags::SIGNATURES_EXIST | SigFlags::APPEND_ONLY);
    catalog.finish();
    pdf.pages(PAGES).kids([PAGE]).count(1);
    let mut p = pdf.page(PAGE);
    p.parent(PAGES)
        .media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
        .contents(CONTENT)
        .annotations([SIGNATURE_FIELD]);
    p.resources()
        .fonts()
        .pair(Name(b"F1"), REGULAR_REFS)
        .pair(Name(b"F2"), BOLD_REFS);
    p.finish();
    let Page {
        content,
        regular,
        bold,
        ..
    } = page;
    pdf.stream(CONTENT, &deflate(&content.finish()))
        .filter(Filter::FlateDecode);
    regular.write(&mut pdf, FontRefs::from(REGULAR_REFS))?;
    bold.write(&mut pdf, FontRefs::from(BOLD_REFS))?;
    pdf.document_info(INFO)
        .title(TextStr(words.title))
        .author(TextStr(texts.footer_provider))
        .subject(TextStr(&doc.request_id))
        .creator(TextStr("Nomir"))
        .producer(TextStr("Nomir"))
        .creation_date(pdf_date(doc.issued_at));
    pades::write_placeholder(
        &mut pdf,
        &pades::Placeholder {
            field: SIGNATURE_FIELD,
            signature: SIGNATURE,
            page: PAGE,
            signed_at: pdf_date(doc.issued_at),
            reason: words.title,
            meta: &doc.seal_meta().encode()?,
        },
    );
    pdf.set_file_id(file_id(doc));
    Ok(pdf.finish())
}

/// Lays out the page from top to bottom.
fn draw(page: &mut Page, doc: &ResultDocument, words: &DocumentTexts, texts: &Texts) {
    page.label(words.issued_by);
    page.paragraph(Style::Bold, 11.0, LEFT, RIGHT, texts.footer_provider);
    page.gap(4.0);
    page.rule(1.0);
    page.gap(24.0);
    page.centred(Style::Bold, 14.0, words.title);
    page.gap(20.0);

    page.row(words.request_number, &doc.request_id);
    page.row(words.citizen, &doc.citizen_name);
    page.row(words.iin, &doc.iin);
    let purpose = match doc.purpose {
        Purpose::Bind => words.purpose_bind,
        Purpose::Change => words.purpose_change,
        Purpose::Confirm => words.purpose_confirm,
    };
    page.row(words.purpose, purpose);
    page.row(words.channel, &channel(doc, words));
    page.row(words.started_at, &local_time(doc.started_at));
    page.row(words.finished_at, &local_time(doc.finished_at));

    page.gap(8.0);
    page.rule(0.5);
    page.gap(22.0);
    page.label(words.outcome);
    match &doc.outcome {
        Outcome::Bound { number, operator } => {
            page.paragraph(Style::Bold, 12.0, LEFT, RIGHT, words.outcome_bound);
            page.gap(10.0);
            page.row(words.number, number);
            page.row(words.operator, operator);
        }
        Outcome::Ended { reason } => {
            let (outcome, basis) = if reason.is_refusal() {
                (words.outcome_refused, words.legal_basis)
            } else {
                (words.outcome_not_performed, words.requirement)
            };
            page.paragraph(Style::Bold, 12.0, LEFT, RIGHT, outcome);
            page.gap(10.0);
            page.row(words.reason, (texts.ground_reason)(*reason));
            page.row(basis, (texts.ground_basis)(*reason));
        }
    }

    page.gap(8.0);
    page.rule(0.5);
    page.gap(18.0);
    page.row(words.issued_at, &local_time(doc.issued_at));
    page.gap(8.0);
    page.paragraph(Style::Bold, 10.0, LEFT, RIGHT, words.complain_title);
    page.gap(2.0);
    page.paragraph(Style::Regular, 8.5, LEFT, RIGHT, words.complain_how);
    page.gap(4.0);
    let by = complaint::filing_ends(complaint::local_date(doc.finished_at));
    let by = format!(
        "{} ({})",
        by.format(DAY).unwrap_or_default(),
        words.complain_by_term
    );
    page.row(words.complain_by, &by);
    page.gap(6.0);
    page.paragraph(Style::Regular, 8.5, LEFT, RIGHT, words.check_how);
}

/// The channel, with the app or bank it came through.
fn channel(doc: &ResultDocument, words: &DocumentTexts) -> String {
    let name = match doc.channel {
        Channel::Portal => words.channel_portal,
        Channel::MobileApp => words.channel_mobile_app,
        Channel::Bank => words.channel_bank,
    };
    match &doc.client_name {
        Some(client) => format!("{name} ({client})"),
        None => name.to_owned(),
    }
}

fn pdf_date(t: OffsetDateTime) -> Date {
    let t = t.to_offset(time::UtcOffset::UTC);
    // Date clamps the year to 0–9999, as PDF dates allow.
    Date::new(u16::try_from(t.year()).unwrap_or(0))
        .month(u8::from(t.month()))
        .day(t.day())
        .hour(t.hour())
        .minute(t.minute())
        .second(t.second())
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The trailer's file id: from the request and the issue time, not random.
fn file_id(doc: &ResultDocument) -> (Vec<u8>, Vec<u8>) {
    let mut hash = Sha256::new();
    hash.update(doc.request_id.as_bytes());
    hash.update(doc.issued_at.unix_timestamp().to_be_bytes());
    let id = hash.finalize()[..16].to_vec();
    (id.clone(), id)
}

#[derive(Clone, Copy)]
enum Style {
    Regular,
    Bold,
}

/// The page being drawn: its content stream, its fonts, and the baseline
/// of the next line, falling from the top.
struct Page {
    content: Content,
    regular: Font,
    bold: Font,
    y: f32,
}

impl Page {
    fn new() -> Result<Self, FontError> {
        Ok(Self {
            content: Content::new(),
            regular: Font::regular()?,
            bold: Font::bold()?,
            y: TOP,
        })
    }

    fn font(&self, style: Style) -> &Font {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }

    /// One line of text with its baseline at `y`.
    fn line(&mut self, style: Style, size: f32, x: f32, y: f32, text: &str) {
        let (font, name) = match style {
            Style::Regular => (&mut self.regular, Name(b"F1")),
            Style::Bold => (&mut self.bold, Name(b"F2")),
        };
        let glyphs = font.encode(text);
        self.content
            .begin_text()
            .set_font(name, size)
            .next_line(x, y)
            .show(Str(&glyphs))
            .end_text();
    }

    /// `text` wrapped between `x` and `right`, from the current line down;
    /// returns how many lines it took.
    fn paragraph(&mut self, style: Style, size: f32, x: f32, right: f32, text: &str) -> usize {
        let lines = wrap(self.font(style), text, size, right - x);
        for l in &lines {
            self.line(style, size, x, self.y, l);
            self.y -= leading(size);
        }
        lines.len()
    }

    /// `text` wrapped over the full width, each line centred.
    fn centred(&mut self, style: Style, size: f32, text: &str) {
        for l in wrap(self.font(style), text, size, RIGHT - LEFT) {
            let x = LEFT + (RIGHT - LEFT - self.font(style).width(&l, size)) / 2.0;
            self.line(style, size, x, self.y, &l);
            self.y -= leading(size);
        }
    }

    /// A small grey caption on its own line.
    fn label(&mut self, text: &str) {
        self.content.set_fill_gray(GREY);
        self.paragraph(Style::Regular, 9.0, LEFT, RIGHT, text);
        self.content.set_fill_gray(0.0);
        self.y -= 2.0;
    }

    /// A grey label on the left and its value beside it, both wrapped.
    fn row(&mut self, label: &str, value: &str) {
        let top = self.y;
        self.content.set_fill_gray(GREY);
        let label_lines = self.paragraph(Style::Regular, 10.0, LEFT, VALUE_X - LABEL_GAP, label);
        self.content.set_fill_gray(0.0);
        self.y = top;
        let value_lines = self.paragraph(Style::Regular, 10.0, VALUE_X, RIGHT, value);
        self.y = top - leading(10.0) * label_lines.max(value_lines) as f32 - 5.0;
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// A horizontal line across the text width, just under the last line.
    fn rule(&mut self, width: f32) {
        let y = self.y + 6.0;
        self.content
            .set_line_width(width)
            .move_to(LEFT, y)
            .line_to(RIGHT, y)
            .stroke();
    }
}

fn leading(size: f32) -> f32 {
    size * 1.35
}

/// Greedy word wrap to `width` points; a word longer than a line is cut.
fn wrap(font: &Font, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if font.width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if font.width(&line, size) > width && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use nomir_core::end_reason::EndReason;
    use nomir_core::i18n::Lang;
    use time::macros::datetime;

    pub(crate) fn refused(lang: Lang) -> ResultDocument {
        ResultDocument {
            request_id: "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b".into(),
            citizen_name: "Әлiбекова Гүлнұр Қайратқызы".into(),
            iin: "880808410008".into(),
            purpose: Purpose::Bind,
            channel: Channel::Bank,
            client_name: Some("Halyk Bank app".into()),
            started_at: datetime!(2026-11-25 05:00:00 UTC),
            finished_at: datetime!(2026-11-25 05:03:10 UTC),
            outcome: Outcome::Ended {
                reason: EndReason::ConsentMissing,
            },
            issued_at: datetime!(2026-11-25 05:04:00 UTC),
            lang,
        }
    }

    #[test]
    fn the_document_is_a_pdf_naming_its_request() {
        let pdf = render(&refused(Lang::Kk)).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
        let id = b"0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b";
        assert!(pdf.windows(id.len()).any(|w| w == id));
        assert!(pdf.windows(17).any(|w| w == b"D:20261125050400Z"));
    }

    #[test]
    fn every_outcome_in_every_language_fits_on_its_one_page() {
        for lang in Lang::ALL {
            for &reason in EndReason::ALL {
                let doc = ResultDocument {
                    outcome: Outcome::Ended { reason },
                    ..refused(lang)
                };
                let mut page = Page::new().unwrap();
                let (words, texts) = (nomir_core::i18n::document_texts(lang), lang.texts());
                draw(&mut page, &doc, words, texts);
                assert!(page.y > BOTTOM, "{lang:?} {reason:?}: ends at {}", page.y);
            }
        }
    }

    #[test]
    fn the_document_says_how_where_and_by_when_to_complain() {
        let doc = refused(Lang::En);
        let mut page = Page::new().unwrap();
        draw(
            &mut page,
            &doc,
            nomir_core::i18n::document_texts(Lang::En),
            Lang::En.texts(),
        );
        let words = nomir_core::i18n::document_texts(Lang::En);
        assert!(
            words.complain_how.contains("eGov mobile")
                && words.complain_how.contains("5 working days")
        );
        // Finished on 25.11.2026: three months on.
        let pdf = render(&doc).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("Nomir"));
        assert_eq!(
            complaint::filing_ends(complaint::local_date(doc.finished_at)),
            time::macros::date!(2027 - 02 - 25)
        );
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        for lang in Lang::ALL {
            assert_eq!(
                render(&refused(lang)).unwrap(),
                render(&refused(lang)).unwrap()
            );
        }
        let mut later = refused(Lang::Kk);
        later.issued_at += time::Duration::seconds(1);
        assert_ne!(render(&later).unwrap(), render(&refused(Lang::Kk)).unwrap());
    }

    #[test]
    fn kazakh_letters_are_embedded_and_searchable() {
        let pdf = render(&refused(Lang::Kk)).unwrap();
        // The ToUnicode map (uncompressed) maps glyphs back to ә, қ, ұ, ү, і.
        for hex in ["04D9", "049B", "04B1", "04AF", "0456"] {
            let needle = format!("<{hex}>");
            assert!(
                pdf.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{hex}"
            );
        }
    }

    #[test]
    fn long_text_wraps_within_the_width_and_long_words_are_cut() {
        let font = Font::regular().unwrap();
        let basis = (Lang::Kk.texts().ground_basis)(EndReason::IdentityNotFound);
        let lines = wrap(&font, basis, 10.0, RIGHT - VALUE_X);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| font.width(l, 10.0) <= RIGHT - VALUE_X));
        assert_eq!(
            lines.join(" "),
            basis.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        let cut = wrap(&font, &"Ж".repeat(200), 10.0, 100.0);
        assert!(cut.len() > 1 && cut.iter().all(|l| font.width(l, 10.0) <= 100.0));
        assert_eq!(wrap(&font, "", 10.0, 100.0), [""]);
    }
}
