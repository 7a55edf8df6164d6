//! A moment as pages show it: Kazakhstan's clock, and RFC 3339 for `<time>`.

use time::OffsetDateTime;

use nomir_core::wire::ShownTime;

pub fn shown(t: OffsetDateTime) -> ShownTime {
    ShownTime {
        local: nomir_core::kz_time::local_time(t),
        iso: t
            .to_offset(nomir_core::kz_time::OFFSET)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
    }
}
