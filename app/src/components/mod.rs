mod bar_chart;
mod choice_group;
mod code_timer;
mod complaint_facts;
mod error_summary;
mod field_help;
pub mod focus;
pub mod island_data;
mod layout;
mod navigator;
mod page_title;
mod password_field;
mod sign_button;
mod text_input;

pub use bar_chart::{Bar, BarChart};
pub use choice_group::ChoiceGroup;
pub use code_timer::{CodeTimer, ResendButton, ResendData, TermData, TimerLabels};
pub use complaint_facts::ComplaintFacts;
pub use error_summary::{
    described_by, error_of, show_errors_of, ErrorBox, ErrorSummary, FieldError, ShownError,
};
pub use field_help::{help, FieldHelp, HelpData, Kind};
pub use focus::StepHeading;
pub use layout::Layout;
pub use navigator::Navigator;
pub use page_title::PageTitle;
pub use password_field::PasswordField;
pub use sign_button::{
    SignButton, SignData, SignLabels, SignTask, SignView, CHALLENGE_FIELD, CMS_FIELD,
};
pub use text_input::{TextField, TextInput};
