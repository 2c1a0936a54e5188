//! Entry point of the browser build: installs the panic hook, then mounts the app.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(headroom::app::App);
}
