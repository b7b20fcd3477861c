//! The editor's inputs, one signal each, and the draft they make; what its sections share.

use super::draft::{Draft, Problem, dom_id, problem_text};
use crate::components::Field;
use crate::components::format::{decimal, kg};
use crate::components::{NumberInput, focus_later};
use crate::i18n::*;
use domain::ExerciseId;
use domain::load::RoundingMode;
use domain::settings::{ComplexCounting, TrainingSettings};
use domain::weight::Kg;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub(super) struct PlateRow {
    pub(super) weight: RwSignal<String>,
    pub(super) count: RwSignal<String>,
}

#[derive(Clone, Copy)]
pub(super) struct RatioRow {
    pub(super) exercise: RwSignal<String>,
    pub(super) factor: RwSignal<String>,
    pub(super) base: RwSignal<String>,
}

/// The inputs of the editor, one signal each.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub(super) bar_women: RwSignal<String>,
    pub(super) bar_men: RwSignal<String>,
    pub(super) collar: RwSignal<String>,
    pub(super) plates: RwSignal<Vec<PlateRow>>,
    pub(super) step: RwSignal<String>,
    pub(super) rounding: RwSignal<RoundingMode>,
    pub(super) ratios: RwSignal<Vec<RatioRow>>,
    pub(super) threshold: RwSignal<String>,
    pub(super) counting: RwSignal<ComplexCounting>,
    pub(super) athletes_record_maxes: RwSignal<bool>,
}

impl Form {
    pub(super) fn new(locale: Locale, s: &TrainingSettings<ExerciseId>) -> Self {
        let weight = |w: Kg| RwSignal::new(kg(locale, w));
        Form {
            bar_women: weight(s.inventory.bar_women),
            bar_men: weight(s.inventory.bar_men),
            collar: weight(s.inventory.collar),
            plates: RwSignal::new(
                s.inventory
                    .plates
                    .iter()
                    .map(|p| PlateRow {
                        weight: weight(p.weight),
                        count: RwSignal::new(p.count.to_string()),
                    })
                    .collect(),
            ),
            step: RwSignal::new(s.step.map(|w| kg(locale, w)).unwrap_or_default()),
            rounding: RwSignal::new(s.rounding),
            ratios: RwSignal::new(
                s.ratios
                    .ratios
                    .iter()
                    .map(|r| RatioRow {
                        exercise: RwSignal::new(r.exercise.0.to_string()),
                        factor: RwSignal::new(decimal(locale, r.factor.to_string())),
                        base: RwSignal::new(r.base.0.to_string()),
                    })
                    .collect(),
            ),
            threshold: RwSignal::new(s.lift_count_threshold.to_string()),
            counting: RwSignal::new(s.complex_counting),
            athletes_record_maxes: RwSignal::new(s.athletes_record_maxes),
        }
    }

    /// The form as typed (tracked: a derived value follows every input).
    pub(super) fn draft(&self) -> Draft {
        Draft {
            bar_women: self.bar_women.get(),
            bar_men: self.bar_men.get(),
            collar: self.collar.get(),
            plates: self
                .plates
                .with(|rows| rows.iter().map(|r| (r.weight.get(), r.count.get())).collect()),
            step: self.step.get(),
            rounding: self.rounding.get(),
            ratios: self.ratios.with(|rows| {
                rows.iter()
                    .map(|r| (r.exercise.get(), r.factor.get(), r.base.get()))
                    .collect()
            }),
            threshold: self.threshold.get(),
            counting: self.counting.get(),
            athletes_record_maxes: self.athletes_record_maxes.get(),
        }
    }
}

/// The class of a section's legend.
pub(super) const LEGEND: &str = "mb-3 text-lg font-semibold";

/// What the editor's sections share: the inputs, the problems shown next to them, the
/// announcement for screen readers, and whether the person may only read.
#[derive(Clone, Copy)]
pub(super) struct Editor {
    pub(super) locale: Locale,
    pub(super) form: Form,
    pub(super) problems: RwSignal<Vec<Problem>>,
    pub(super) announcement: RwSignal<String>,
    pub(super) readonly: bool,
}

impl Editor {
    /// Adds `row` at the end of `rows`, then clears the old problems, tells screen readers and
    /// puts the focus in the new row's first input (`first_input`, given the row's index).
    pub(super) fn add_row<T: Send + Sync + 'static>(
        self,
        rows: RwSignal<Vec<T>>,
        row: T,
        first_input: impl FnOnce(usize) -> String,
    ) {
        let index = rows.with_untracked(Vec::len);
        rows.update(|rows| rows.push(row));
        self.problems.set(Vec::new());
        self.announcement
            .set(td_string!(self.locale, settings.row_added).to_string());
        focus_later(dom_id(&first_input(index)));
    }

    /// Removes row `index` of the list `name` (`plates`, `ratios`), then clears the old
    /// problems, tells screen readers and moves the focus to the next row's remove button, or
    /// to the add button when the last row went.
    pub(super) fn remove_row<T: Send + Sync + 'static>(
        self,
        rows: RwSignal<Vec<T>>,
        name: &str,
        index: usize,
    ) {
        rows.update(|rows| {
            if index < rows.len() {
                rows.remove(index);
            }
        });
        self.problems.set(Vec::new());
        self.announcement
            .set(td_string!(self.locale, settings.row_removed).to_string());
        let left = rows.with_untracked(Vec::len);
        focus_later(if index < left {
            format!("settings-{name}-{index}-remove")
        } else {
            format!("settings-add-{}", name.trim_end_matches('s'))
        });
    }

    /// The message next to `field`'s input, if the last check refused it.
    pub(super) fn message(self, field: String) -> Signal<Option<String>> {
        let Editor { locale, problems, .. } = self;
        Signal::derive(move || {
            problems.with(|list| {
                list.iter()
                    .find(|p| p.field == field)
                    .map(|p| problem_text(locale, p))
            })
        })
    }
}

/// A labelled number input with an optional hint (bars, collar).
#[component]
pub(super) fn LabelledNumber(
    field: &'static str,
    label: String,
    #[prop(optional)] hint: Option<String>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    readonly: bool,
) -> impl IntoView {
    let id = dom_id(field);
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <Field id=id.clone() label>
            <NumberInput id field value error readonly width="w-full" hint_id=described/>
            {hint.map(|hint| view! { <p id=hint_id class="text-xs text-muted">{hint}</p> })}
        </Field>
    }
}

/// A section of rows (the plates, the ratios): its legend and hint, the table, a note while it
/// has no row, and, for those who edit, the button that adds one.
#[component]
pub(super) fn RowsSection(
    editor: Editor,
    /// `plate` or `ratio`: names the hint, the table and the add button (`settings-add-plate`).
    name: &'static str,
    legend: String,
    hint: String,
    empty: String,
    add: String,
    /// Whether there is no row (followed as rows come and go).
    #[prop(into)]
    is_empty: Signal<bool>,
    on_add: Callback<()>,
    /// The rows, drawn again when one is added or removed.
    #[prop(into)]
    rows: ViewFn,
    /// The column headers (the remove column is added for those who edit).
    children: Children,
) -> impl IntoView {
    let readonly = editor.readonly;
    let hint_id = format!("settings-{name}s-hint");
    view! {
        <div class="card">
            <fieldset class="min-w-0 flex flex-col gap-3">
                <legend class=LEGEND>{legend}</legend>
                <p class="text-sm text-muted" id=hint_id.clone()>{hint}</p>
                <div class="relative overflow-x-auto">
                    <table class="w-full text-left" aria-describedby=hint_id data-testid=format!("{name}s")>
                        <thead class="text-xs uppercase text-muted">
                            <tr>
                                {children()}
                                {(!readonly).then(|| view! {
                                    <th scope="col" class="pb-2 text-right"><span class="sr-only">{tr!(settings.actions)}</span></th>
                                })}
                            </tr>
                        </thead>
                        <tbody>{move || rows.run()}</tbody>
                    </table>
                </div>
                {move || is_empty.get().then(|| view! {
                    <p class="rounded-lg border border-dashed border-line p-3 text-sm text-muted">{empty.clone()}</p>
                })}
                {(!readonly).then(|| view! {
                    <button
                        type="button"
                        id=format!("settings-add-{name}")
                        class="btn-secondary self-start"
                        data-testid=format!("add-{name}")
                        on:click=move |_| on_add.run(())
                    >
                        "+ " {add}
                    </button>
                })}
            </fieldset>
        </div>
    }
}

/// The last cell of a row (a plate, a ratio), for those who edit: the button that removes it.
/// `name` is the list's (`plates`, `ratios`): it names the button (`settings-plates-2-remove`,
/// which [`Editor::remove_row`] moves the focus to) and its test id (`remove-plate`).
#[component]
pub(super) fn RemoveRowCell(
    editor: Editor,
    name: &'static str,
    index: usize,
    #[prop(into)] label: Signal<String>,
    on_remove: Callback<usize>,
) -> impl IntoView {
    (!editor.readonly).then(|| {
        view! {
            <td class="py-2 text-right">
                <button
                    type="button"
                    id=format!("settings-{name}-{index}-remove")
                    class="icon-btn text-red-700 dark:text-red-400"
                    data-testid=format!("remove-{}", name.trim_end_matches('s'))
                    aria-label=move || label.get()
                    on:click=move |_| on_remove.run(index)
                >
                    "✕"
                </button>
            </td>
        }
    })
}
