//! Fallback ratios: a max estimated from another exercise's (snatch = 0.8 × clean & jerk).

use super::draft::dom_id;
use super::form::RatioRow;
use super::form::{Editor, RemoveRowCell, RowsSection};
use crate::components::{FieldMessage, NumberInput};
use crate::i18n::*;
use crate::model::Choice;
use leptos::prelude::*;

/// The ratios: a row per exercise with its factor and the exercise it is computed from.
#[component]
pub(super) fn RatioFields(editor: Editor, exercises: Vec<Choice>) -> impl IntoView {
    let Editor {
        locale,
        form,
        readonly,
        ..
    } = editor;
    let message = move |field: String| editor.message(field);
    let exercises = StoredValue::new(exercises);
    // New rows' signals belong to this section, not to the list that draws them.
    let owner = Owner::current().unwrap_or_default();
    let add_ratio = move |_| {
        let row = owner.with(|| RatioRow {
            exercise: RwSignal::new(String::new()),
            factor: RwSignal::new(String::new()),
            base: RwSignal::new(String::new()),
        });
        editor.add_row(form.ratios, row, |index| format!("ratios[{index}].exercise"));
    };
    let remove_ratio = Callback::new(move |index: usize| editor.remove_row(form.ratios, "ratios", index));
    // The exercise chosen in a column (`exercise` or `base`) of row `index`.
    let exercise_select = move |index: usize,
                                column: &'static str,
                                label: String,
                                value: RwSignal<String>| {
        let field = format!("ratios[{index}].{column}");
        let testid = format!("ratio-{column}");
        let id = dom_id(&field);
        let error = message(field.clone());
        let error_id = format!("{id}-error");
        let current = value.get_untracked();
        let known = exercises.with_value(|list| list.iter().any(|c| c.id.to_string() == current));
        let options = exercises.with_value(|list| {
            list.iter()
                .map(|c: &Choice| {
                    let id = c.id.to_string();
                    let selected = id == current;
                    view! { <option value=id selected=selected>{c.name.clone()}</option> }
                })
                .collect_view()
        });
        let unknown = (!known && !current.is_empty()).then(|| {
            view! { <option value=current.clone() selected=true>{td_string!(locale, settings.archived_exercise).to_string()}</option> }
        });
        view! {
            <label for=id.clone() class="sr-only">{label}</label>
            <select
                id=id
                class="select w-full min-w-40 disabled:cursor-not-allowed disabled:bg-surface-3"
                disabled=readonly
                data-testid=testid
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby={let error_id = error_id.clone(); move || error.with(Option::is_some).then(|| error_id.clone())}
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" selected=current.is_empty()>{td_string!(locale, settings.choose).to_string()}</option>
                {unknown}
                {options}
            </select>
            <FieldMessage id=error_id field error/>
        }
    };
    let ratio_row = move |index: usize, row: RatioRow| {
        let row_number = index + 1;
        let factor_field = format!("ratios[{index}].factor");
        let factor_id = dom_id(&factor_field);
        let factor_error = message(factor_field.clone());
        let exercise_label = td_string!(locale, settings.ratio_exercise_row, row = row_number).to_string();
        let base_label = td_string!(locale, settings.ratio_base_row, row = row_number).to_string();
        view! {
            <tr class="border-t border-line align-top" data-testid="ratio-row">
                <td class="py-2 pr-2">
                    {exercise_select(index, "exercise", exercise_label, row.exercise)}
                </td>
                <td class="py-2 pr-2 pt-4 text-muted" aria-hidden="true">"="</td>
                <td class="py-2 pr-2">
                    <label for=factor_id.clone() class="sr-only">
                        {td_string!(locale, settings.ratio_factor_row, row = row_number).to_string()}
                    </label>
                    <NumberInput id=factor_id field=factor_field value=row.factor error=factor_error readonly width="w-20"/>
                </td>
                <td class="py-2 pr-2 pt-4 text-muted" aria-hidden="true">"×"</td>
                <td class="py-2 pr-2">
                    {exercise_select(index, "base", base_label, row.base)}
                </td>
                <RemoveRowCell
                    editor
                    name="ratios"
                    index
                    label=td_string!(locale, settings.remove_ratio_row, row = row_number).to_string()
                    on_remove=remove_ratio
                />
            </tr>
        }
    };

    view! {
        <RowsSection
            editor
            name="ratio"
            legend=tr!(settings.ratios_legend)
            hint=tr!(settings.ratios_hint)
            empty=tr!(settings.no_ratios)
            add=tr!(settings.add_ratio)
            is_empty=Signal::derive(move || form.ratios.with(Vec::is_empty))
            on_add=Callback::new(add_ratio)
            rows=move || form.ratios.get().into_iter().enumerate().map(|(i, row)| ratio_row(i, row)).collect_view()
        >
            <th scope="col" class="pb-2 pr-2">{tr!(settings.exercise)}</th>
            <th scope="col" class="pb-2 pr-2"><span class="sr-only">"="</span></th>
            <th scope="col" class="pb-2 pr-2">{tr!(settings.factor)}</th>
            <th scope="col" class="pb-2 pr-2"><span class="sr-only">"×"</span></th>
            <th scope="col" class="pb-2 pr-2">{tr!(settings.base)}</th>
        </RowsSection>
    }
}
