//! The bars, the collar and the club's plates.

use super::draft::dom_id;
use super::form::PlateRow;
use super::form::{Editor, LEGEND, LabelledNumber, RemoveRowCell, RowsSection};
use crate::components::NumberInput;
use crate::components::format::kg;
use crate::components::plates::{colour_class, colour_name};
use crate::i18n::*;
use domain::load::{PlateColour, is_change_plate};
use domain::weight::Kg;
use leptos::prelude::*;

/// The bars (women's and men's) and the collar.
#[component]
pub(super) fn BarFields(editor: Editor) -> impl IntoView {
    let Editor { form, readonly, .. } = editor;
    let message = move |field: String| editor.message(field);
    view! {
        <div class="card">
            <fieldset class="min-w-0">
                <legend class=LEGEND>{tr!(settings.bars_legend)}</legend>
                <div class="grid grid-cols-1 gap-4 sm:grid-cols-3">
                    <LabelledNumber field="bar_women" label=tr!(settings.bar_women) value=form.bar_women error=message("bar_women".to_owned()) readonly/>
                    <LabelledNumber field="bar_men" label=tr!(settings.bar_men) value=form.bar_men error=message("bar_men".to_owned()) readonly/>
                    <LabelledNumber
                        field="collar"
                        label=tr!(settings.collar)
                        hint=tr!(settings.collar_hint)
                        value=form.collar
                        error=message("collar".to_owned())
                        readonly
                    />
                </div>
            </fieldset>
        </div>
    }
}

/// The plates: a row per weight with its colour and how many the club has.
#[component]
pub(super) fn PlateFields(editor: Editor) -> impl IntoView {
    let Editor {
        locale,
        form,
        readonly,
        ..
    } = editor;
    let message = move |field: String| editor.message(field);
    // New rows' signals belong to this section, not to the list that draws them (which is
    // redrawn when a row is added or removed).
    let owner = Owner::current().unwrap_or_default();
    let add_plate = move |_| {
        let row = owner.with(|| PlateRow {
            weight: RwSignal::new(String::new()),
            count: RwSignal::new("2".to_owned()),
        });
        editor.add_row(form.plates, row, |index| format!("plates[{index}].weight"));
    };
    let remove_plate = Callback::new(move |index: usize| editor.remove_row(form.plates, "plates", index));
    let plate_row = move |index: usize, row: PlateRow| {
        let row_number = index + 1;
        let weight_field = format!("plates[{index}].weight");
        let count_field = format!("plates[{index}].count");
        let (weight_id, count_id) = (dom_id(&weight_field), dom_id(&count_field));
        let (weight_error, count_error) = (message(weight_field.clone()), message(count_field.clone()));
        let typed = move || {
            row.weight
                .with(|w| w.parse::<Kg>().ok().filter(|w| w.is_positive()))
        };
        let count_label = move || match typed() {
            Some(w) => td_string!(locale, settings.plate_count_of, weight = kg(locale, w)).to_string(),
            None => td_string!(locale, settings.plate_count_row, row = row_number).to_string(),
        };
        let remove_label = move || match typed() {
            Some(w) => td_string!(locale, settings.remove_plate_of, weight = kg(locale, w)).to_string(),
            None => td_string!(locale, settings.remove_plate_row, row = row_number).to_string(),
        };
        let swatch = move || {
            let w = typed();
            let colour = w.map_or(PlateColour::Unmarked, PlateColour::of);
            let size = if w.is_some_and(is_change_plate) {
                "h-4 w-4"
            } else {
                "h-6 w-6"
            };
            view! {
                <span class="flex items-center gap-2" data-testid="plate-colour">
                    <span
                        aria-hidden="true"
                        class=format!("inline-block shrink-0 rounded-full border border-zinc-400 dark:border-zinc-500 {size} {}", colour_class(colour))
                    ></span>
                    <span class="text-xs text-muted">{colour_name(locale, colour)}</span>
                </span>
            }
        };
        view! {
            <tr class="border-t border-line align-top" data-testid="plate-row">
                <td class="py-2 pr-3 pt-4">{swatch}</td>
                <td class="py-2 pr-3">
                    <label for=weight_id.clone() class="sr-only">
                        {td_string!(locale, settings.plate_weight_row, row = row_number).to_string()}
                    </label>
                    <NumberInput id=weight_id field=weight_field value=row.weight error=weight_error readonly width="w-24"/>
                </td>
                <td class="py-2 pr-3">
                    <label for=count_id.clone() class="sr-only">{count_label}</label>
                    <NumberInput id=count_id field=count_field value=row.count error=count_error readonly width="w-20" numeric=true/>
                </td>
                <RemoveRowCell editor name="plates" index label=Signal::derive(remove_label) on_remove=remove_plate/>
            </tr>
        }
    };

    view! {
        <RowsSection
            editor
            name="plate"
            legend=tr!(settings.plates_legend)
            hint=tr!(settings.plates_hint)
            empty=tr!(settings.no_plates)
            add=tr!(settings.add_plate)
            is_empty=Signal::derive(move || form.plates.with(Vec::is_empty))
            on_add=Callback::new(add_plate)
            rows=move || form.plates.get().into_iter().enumerate().map(|(i, row)| plate_row(i, row)).collect_view()
        >
            <th scope="col" class="pb-2 pr-3">{tr!(settings.colour)}</th>
            <th scope="col" class="pb-2 pr-3">{tr!(settings.weight)}</th>
            <th scope="col" class="pb-2 pr-3">{tr!(settings.count)}</th>
        </RowsSection>
    }
}
