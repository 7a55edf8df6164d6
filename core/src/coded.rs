//! One idiom for the stable codes that enums are stored, sent and shown
//! by: derive strum's `IntoStaticStr`, `EnumString` and `VariantArray`
//! (codes in `snake_case` unless a variant says otherwise), then
//! `coded!(Name)` gives `Name::ALL`, `code()` and `from_code()`. Enums that
//! carry data (`BindingState`, `SignatureError`, `PortalError`) write their
//! `code()` by hand, as strum cannot name their data.

/// `ALL`, `code()` and `from_code()` for an enum deriving strum's
/// `IntoStaticStr`, `EnumString` and `VariantArray`.
#[macro_export]
macro_rules! coded {
    ($name:ident) => {
        impl $name {
            pub const ALL: &'static [$name] = <$name as ::strum::VariantArray>::VARIANTS;
            /// The stable code.
            pub fn code(self) -> &'static str {
                self.into()
            }
            /// The variant of `code`, if any.
            pub fn from_code(code: &str) -> Option<Self> {
                code.parse().ok()
            }
        }
    };
}
