//! The share link this browser tab is previewing, kept in the tab's sessionStorage so that a
//! reload (or a tab's address typed in) shows the preview again, as the banner promises, until
//! "Back to my own work". sessionStorage belongs to the one tab and goes when the tab closes; it
//! never holds the person's own work, and localStorage is not touched. Storage that is blocked
//! or throws only means a reload shows the person's own work, as before.

const KEY: &str = "headroom.preview-link";
/// The name the previewed link's copy was saved under from its banner, so that after a reload
/// the banner still says so (and a second copy is not made unknowingly).
const COPY_KEY: &str = "headroom.preview-copy";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The payload of the share link this tab was previewing, if any.
pub fn previewed_link() -> Option<String> {
    session()?
        .get_item(KEY)
        .ok()
        .flatten()
        .filter(|p| !p.is_empty())
}

/// Remembers `payload` as the link this tab previews; the name of another link's copy goes.
pub fn remember_previewed_link(payload: &str) {
    if let Some(session) = session() {
        if session.get_item(KEY).ok().flatten().as_deref() != Some(payload) {
            let _ = session.remove_item(COPY_KEY);
        }
        let _ = session.set_item(KEY, payload);
    }
}

/// Forgets the link this tab previewed: its own work is shown from now on.
pub fn forget_previewed_link() {
    if let Some(session) = session() {
        let _ = session.remove_item(KEY);
        let _ = session.remove_item(COPY_KEY);
    }
}

/// The name the previewed link's copy was last saved under, if it was.
pub fn saved_copy_name() -> Option<String> {
    session()?.get_item(COPY_KEY).ok().flatten()
}

/// Remembers the name the previewed link's copy was saved under.
pub fn remember_copy_name(name: &str) {
    if let Some(session) = session() {
        let _ = session.set_item(COPY_KEY, name);
    }
}
