//! Toasts: short messages reporting the result of an action, announced to screen readers.

use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Clone, Debug)]
struct Toast {
    id: u64,
    kind: ToastKind,
    text: String,
}

/// Short messages reporting the result of an action, announced to screen readers.
#[derive(Clone, Copy)]
pub struct Toaster {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toaster {
    pub fn provide() -> Self {
        let toaster = Toaster {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        };
        provide_context(toaster);
        toaster
    }

    pub fn show(&self, kind: ToastKind, text: String) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|items| items.push(Toast { id, kind, text }));
        let items = self.items;
        set_timeout(
            move || items.update(|items| items.retain(|t| t.id != id)),
            std::time::Duration::from_secs(6),
        );
    }

    pub fn success(&self, text: String) {
        self.show(ToastKind::Success, text);
    }

    pub fn error(&self, text: String) {
        self.show(ToastKind::Error, text);
    }
}

pub fn use_toaster() -> Toaster {
    use_context::<Toaster>().unwrap_or_else(Toaster::provide)
}

/// Where toasts appear: an island, so any other island of the page can show one.
#[island]
pub fn ToastRegion() -> impl IntoView {
    let toaster = use_toaster();
    view! {
        <section
            aria-label=tr!(common.notifications)
            class="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4"
        >
            <div role="status" aria-live="polite" class="contents">
                <For each=move || toaster.items.get() key=|t| t.id let:toast>
                    <div
                        data-testid="toast"
                        class=move || {
                            let tone = match toast.kind {
                                ToastKind::Success => "border-emerald-600 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
                                ToastKind::Error => "border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100",
                            };
                            format!("pointer-events-auto w-full max-w-md rounded-lg border-l-4 px-4 py-3 shadow-lg {tone}")
                        }
                    >
                        {toast.text.clone()}
                    </div>
                </For>
            </div>
        </section>
    }
}
