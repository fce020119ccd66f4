//! [`text_enum!`](crate::text_enum): code lists of the domain as Rust enums.

/// A closed list of codes: the enum, its stored code, its Chinese name, and
/// parsing that names the field it came from. Needs `serde::{Serialize,
/// Deserialize}` in scope.
#[macro_export]
macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal / $zh_v:literal),+ $(,)? }, $field:literal, $zh:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $s)] $var),+ }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The stored code.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }

            /// The Chinese name officials use.
            pub fn zh(self) -> &'static str {
                match self { $($name::$var => $zh_v),+ }
            }

            /// Parses a stored code; anything else is a field error on `field`.
            pub fn parse(s: &str) -> Result<$name, $crate::FieldError> {
                match s { $($s => Ok($name::$var),)+ _ => Err($crate::FieldError::new(
                    $field,
                    &format!("{}无效：{s}（可选 {}）", $zh, [$($s),+].join("/")),
                    &format!("invalid {} {s:?} (one of {})", $field, [$($s),+].join(", ")),
                )) }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
