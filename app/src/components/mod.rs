//! What several pages share: the page frames and header, form fields and their messages,
//! toasts, formatting of kilograms, dates and labels, the plate diagram, list reordering.
//!
//! A piece moves here as soon as a second feature needs it; a page module never imports from
//! another feature's page module.

pub mod browser;
pub mod call;
pub mod fields;
pub mod format;
pub mod header;
pub mod import_report;
pub mod lifts;
pub mod loads;
pub mod messages;
pub mod page;
pub mod plates;
pub mod reorder;
pub mod toast;

pub use browser::{confirm, focus_later, reload_on_success, reload_to};
pub use fields::{
    EmailField, ErrorNote, Field, FieldMessage, FormAlert, NewAccountFields, NumberInput, SaveForm,
    SubmitButton, TextField, field_error, form_error, last_error,
};
pub use header::{Header, HydrationMark, ViewerResource};
pub use messages::{error_text, field_text, role_label};
pub use page::{
    AuthCard, Tabs, detail_page, editable, failure, form_page, id_param, loaded, loading, refused,
    section_page, wide_form_page,
};
pub use toast::{ToastKind, ToastRegion, Toaster};
