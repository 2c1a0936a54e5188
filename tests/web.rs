//! Component and storage tests in a real browser (headless Chromium via wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use headroom::app::{BudgetState, BudgetTab, Later, Notices, StorageHandle, WorkspaceState};
use headroom::calc::budget_sheet::Field;
use headroom::storage::local::LocalStorage;
use headroom::storage::{KeyValueStore, Loaded, MemoryStore, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_container() -> web_sys::HtmlElement {
    let document = document();
    let container = document
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document.body().unwrap().append_child(&container).unwrap();
    container
}

fn text_of(container: &web_sys::HtmlElement, selector: &str) -> String {
    container
        .query_selector(selector)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn budget_tab_recomputes_and_marks_stale_results() {
    let container = fresh_container();
    let state = std::rc::Rc::new(std::cell::RefCell::new(None::<BudgetState>));
    let slot = state.clone();
    let _handle = leptos::mount::mount_to(container.clone(), move || {
        let storage = StoredValue::new_local(Storage::in_memory());
        let notices = Notices::new();
        let budget = BudgetState::load(storage, notices);
        *slot.borrow_mut() = Some(budget);
        view! { <BudgetTab state=budget /> }
    });
    leptos::task::tick().await;
    let budget = state.borrow().expect("mounted");

    assert_eq!(text_of(&container, "#window-downtime"), "43m 12s");
    assert!(text_of(&container, "#downtime-chart").contains("99.9%: 43m 12s"));

    budget.set(Field::Target, "99.99".to_string());
    leptos::task::tick().await;
    assert_eq!(text_of(&container, "#window-downtime"), "4m 19.2s");

    budget.set(Field::Target, "100".to_string());
    leptos::task::tick().await;
    assert!(text_of(&container, "#slo-target-error").contains("100% target leaves no error budget"));
    assert_eq!(
        text_of(&container, "#window-downtime"),
        "4m 19.2s",
        "last valid result kept"
    );
    let results = container
        .query_selector("#budget-results")
        .unwrap()
        .unwrap();
    assert!(results.class_list().contains("stale"));

    budget.set(Field::ExpectedRequests, "1,000,000".to_string());
    budget.set(Field::Target, "99.9".to_string());
    leptos::task::tick().await;
    assert!(!results.class_list().contains("stale"));
    assert!(text_of(&container, "#allowed-bad").starts_with("1,000 of 1,000,000"));

    budget.set(Field::ObservedBad, "100".to_string());
    budget.set(Field::ObservedTotal, "0".to_string());
    leptos::task::tick().await;
    assert!(text_of(&container, "#burn-results").contains("No traffic"));
    budget.set(Field::ObservedTotal, "100000".to_string());
    leptos::task::tick().await;
    assert_eq!(text_of(&container, "#burn-rate"), "1×");
}

#[wasm_bindgen_test]
fn real_local_storage_round_trips_and_backs_up_corrupt_values() {
    let local = LocalStorage::open().expect("localStorage in a test page");
    local.set("headroom.webtest", "{broken").unwrap();
    let storage = Storage::persistent(Box::new(LocalStorage::open().unwrap()));

    let loaded = storage.load::<headroom::inputs::BudgetInputs>("webtest");
    assert!(matches!(loaded, Loaded::Unreadable(_)), "{loaded:?}");
    assert_eq!(
        local.get("headroom.backup.webtest.1").unwrap().as_deref(),
        Some("{broken")
    );

    let inputs = headroom::inputs::BudgetInputs::default();
    storage.save("webtest", &inputs).unwrap();
    assert_eq!(storage.load("webtest"), Loaded::Found(inputs));
}

#[wasm_bindgen_test]
fn a_later_value_outlives_the_owner_that_asked_for_it() {
    let page = Owner::new();
    page.with(|| {
        let later = Later::<RwSignal<i32>>::new();
        let made = std::cell::Cell::new(0);

        // A tab's view asks first, then goes away (another tab is shown).
        let view = page.child();
        let value = view.with(|| {
            later.get_or_make(|| {
                made.set(made.get() + 1);
                RwSignal::new(7)
            })
        });
        let own = view.with(|| RwSignal::new(1));
        view.cleanup();
        assert_eq!(
            own.try_get(),
            None,
            "what the view made itself is gone with it"
        );
        assert_eq!(value.try_get(), Some(7), "the later value lives on");

        let again = later.get_or_make(|| {
            made.set(made.get() + 1);
            RwSignal::new(8)
        });
        assert_eq!(again.get(), 7, "made once");
        assert_eq!(made.get(), 1);
    });
}

#[wasm_bindgen_test]
fn tabs_off_the_first_screen_read_their_storage_when_first_asked_for() {
    // The tabs' autosave effects are spawned on the browser's task queue, which mounting sets up.
    let _mounted = leptos::mount::mount_to(fresh_container(), || ());
    let page = Owner::new();
    page.with(|| {
        let store = MemoryStore::default();
        store.set("headroom.toil", "{broken").unwrap();
        let storage: StorageHandle = StoredValue::new_local(Storage::persistent(Box::new(store)));
        let backup = move || storage.with_value(|s| s.raw_at_key("headroom.backup.toil.1"));

        let workspace = WorkspaceState::load(storage, Notices::new());
        assert_eq!(
            backup(),
            None,
            "the Toil tab's storage is not read at start"
        );

        let view = page.child();
        let toil = view.with(|| workspace.toil());
        assert_eq!(
            backup().as_deref(),
            Some("{broken"),
            "read (and kept) when first asked for"
        );
        view.cleanup();
        // Reading a signal of a disposed owner would panic: the state outlives the view, with
        // the default inventory in place of the unreadable one.
        let defaults = headroom::inputs::ToilInputs::default();
        let inputs = toil.inputs();
        assert_eq!(
            (inputs.engineers, inputs.tasks),
            (defaults.engineers, defaults.tasks)
        );
    });
}

#[wasm_bindgen_test]
async fn an_empty_toil_start_date_stays_empty_when_the_tab_opens() {
    let _mounted = leptos::mount::mount_to(fresh_container(), || ());
    let storage: StorageHandle =
        StoredValue::new_local(Storage::persistent(Box::new(MemoryStore::default())));
    let emptied = headroom::inputs::ToilInputs {
        start_date: String::new(),
        ..headroom::inputs::ToilInputs::default()
    };
    storage.with_value(|s| s.save("toil", &emptied)).unwrap();

    let page = Owner::new();
    let toil = page.with(|| WorkspaceState::load(storage, Notices::new()).toil());
    leptos::task::tick().await;
    sleep_ms(500).await; // longer than the autosave delay (300 ms)
    assert_eq!(
        toil.start_date.get_untracked(),
        "",
        "the field shows no date: the tab says today's is used"
    );
    assert_eq!(
        storage.with_value(|s| s.load::<headroom::inputs::ToilInputs>("toil")),
        Loaded::Found(emptied),
        "nothing is written in place of the empty date"
    );
}

/// Waits `ms` milliseconds of the browser's clock.
async fn sleep_ms(ms: i32) {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
}

#[wasm_bindgen_test]
async fn autosave_writes_back_only_what_changed_or_was_missing() {
    let _mounted = leptos::mount::mount_to(fresh_container(), || ());
    let storage: StorageHandle =
        StoredValue::new_local(Storage::persistent(Box::new(MemoryStore::default())));
    // Another window wrote this after this window read its own value.
    storage
        .with_value(|s| s.save("theirs", &"newer".to_string()))
        .unwrap();
    let value = RwSignal::new("read before".to_string());
    let owner = Owner::new();
    owner.with(|| {
        headroom::app::autosave(storage, Notices::new(), "theirs", move || value.get());
        headroom::app::autosave(storage, Notices::new(), "missing", move || value.get());
    });
    leptos::task::tick().await;
    let stored = |name: &str| storage.with_value(|s| s.load::<String>(name));
    assert_eq!(
        stored("theirs"),
        Loaded::Found("newer".to_string()),
        "a readable value is not written back at start"
    );
    assert_eq!(
        stored("missing"),
        Loaded::Found("read before".to_string()),
        "a missing one is written at once"
    );

    value.set("changed here".to_string());
    leptos::task::tick().await;
    sleep_ms(500).await; // longer than the autosave delay (300 ms)
    assert_eq!(stored("theirs"), Loaded::Found("changed here".to_string()));
}

#[wasm_bindgen_test]
fn a_usize_from_a_file_is_told_the_pages_own_range() {
    // In the page a usize is 32 bits wide: 4294967296 was told it "must be a whole number from 0
    // to 18446744073709551615", which it is (the range of a native build).
    assert_eq!(
        headroom::formats::in_plain_words("invalid value: integer `4294967296`, expected usize"),
        "is the number 4294967296, but must be a whole number from 0 to 4294967295"
    );
}
