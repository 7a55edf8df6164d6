//! The complaint rules the SQL applies, written once for every query:
//! whose queue a complaint is in (the domain's `complaint::visible_to`) and
//! which deadline applies in which state (`Deadlines::due_in`, so a
//! complaint is overdue after it). The queue and the dashboard use these;
//! `tests/it/complaints/` and `tests/it/dashboard.rs` hold them to the
//! domain's answers on both engines.

use crate::domain::complaint::{Addressee, ComplaintState};
use crate::ports::Queue;

/// The deadline of a complaint waiting at the provider: forward (or
/// satisfy) by, else review by (one addressed to it without forwarding).
const DUE_AT_PROVIDER: &str = "COALESCE(forward_by, review_by)";
/// The deadline of a complaint waiting at the reviewing body.
const DUE_AT_REVIEWER: &str = "review_by";

/// The condition that a complaint is in `queue`, the state it waits there
/// in, and the column of its deadline there.
/// The provider's queue names its official as `$3`.
pub(super) fn queue(queue: &Queue) -> (String, &'static str, &'static str) {
    match queue {
        Queue::Provider { .. } => (
            format!(
                "(addressee = '{}' OR (addressee = '{}' AND official_login = $3))",
                Addressee::Provider.code(),
                Addressee::Official.code()
            ),
            ComplaintState::AtProvider.code(),
            DUE_AT_PROVIDER,
        ),
        Queue::Reviewer => (
            format!(
                "(forwarded_at IS NOT NULL OR addressee = '{}')",
                Addressee::AuthorizedBody.code()
            ),
            ComplaintState::AtReviewer.code(),
            DUE_AT_REVIEWER,
        ),
    }
}

/// The condition that a complaint is past its deadline on the date bound
/// to `today` (a placeholder such as `$1`).
pub(super) fn overdue(today: &str) -> String {
    format!(
        "((state = '{}' AND {DUE_AT_PROVIDER} < {today}) OR (state = '{}' AND {DUE_AT_REVIEWER} < {today}))",
        ComplaintState::AtProvider.code(),
        ComplaintState::AtReviewer.code(),
    )
}
