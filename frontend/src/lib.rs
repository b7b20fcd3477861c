//! The WASM entry point. The page arrives fully rendered; this wakes up its islands.
//!
//! The island script calls `hydrate` once, then each island's own hydration function in document
//! order. Everything provided here is shared by all the islands of the page.

#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // A development build says where it panicked. The release build (always `build_site` in
    // scripts/tools.sh) aborts on a panic at once (WASM_RUSTFLAGS): the hook would never run.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    app::lang::provide();
    app::components::header::enhance_theme_toggle();
}
