//! The shorthand a coach types for an element's blocks (`5x3 @75%`), read and written back.
