mod bar_chart;
mod choice_group;
mod complaint_facts;
mod error_summary;
pub mod focus;
mod layout;
mod page_title;
mod password_field;
mod sign_button;

pub use bar_chart::{Bar, BarChart};
pub use choice_group::ChoiceGroup;
pub use complaint_facts::ComplaintFacts;
pub use error_summary::{described_by, error_of, show_errors_of, ErrorSummary, FieldError};
pub use focus::{FocusManager, StepHeading};
pub use layout::Layout;
pub use page_title::PageTitle;
pub use password_field::PasswordField;
pub use sign_button::{SignButton, SignLabels, SignTask, CHALLENGE_FIELD, CMS_FIELD};
