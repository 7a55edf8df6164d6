mod layout;
mod page_title;
mod sign_button;

pub use layout::Layout;
pub use page_title::PageTitle;
pub use sign_button::{SignButton, SignTask};
