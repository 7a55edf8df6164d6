mod layout;
mod page_title;

pub use layout::Layout;
pub use page_title::PageTitle;
