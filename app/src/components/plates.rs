//! Plates as the lifter sees them: their colour (IWF) and the loaded bar, one side.

use crate::i18n::*;
use domain::load::{PlateColour, is_change_plate};
use domain::weight::Kg;
use leptos::prelude::*;

pub fn colour_name(locale: Locale, colour: PlateColour) -> String {
    match colour {
        PlateColour::Red => td_string!(locale, settings.colour_red),
        PlateColour::Blue => td_string!(locale, settings.colour_blue),
        PlateColour::Yellow => td_string!(locale, settings.colour_yellow),
        PlateColour::Green => td_string!(locale, settings.colour_green),
        PlateColour::White => td_string!(locale, settings.colour_white),
        PlateColour::Unmarked => td_string!(locale, settings.colour_unmarked),
    }
    .to_string()
}

pub fn colour_class(colour: PlateColour) -> &'static str {
    match colour {
        PlateColour::Red => "bg-red-600",
        PlateColour::Blue => "bg-blue-600",
        PlateColour::Yellow => "bg-yellow-400",
        PlateColour::Green => "bg-green-600",
        PlateColour::White => "bg-white",
        PlateColour::Unmarked => "bg-zinc-400 dark:bg-zinc-500",
    }
}

/// One side of the loaded bar: the sleeve, then the plates in loading order, in their colours
/// (change plates drawn smaller). Decorative: the weights are said in words beside it.
#[component]
pub fn PlateDiagram(side: Vec<Kg>) -> impl IntoView {
    view! {
        <div class="flex h-12 items-center gap-0.5" aria-hidden="true">
            <span class="h-2 w-6 rounded-l bg-zinc-400 dark:bg-zinc-500"></span>
            {side
                .into_iter()
                .map(|plate| {
                    let height = if is_change_plate(plate) { "h-6" } else { "h-12" };
                    view! {
                        <span class=format!(
                            "inline-block w-2 rounded-sm border border-zinc-400 dark:border-zinc-500 {height} {}",
                            colour_class(PlateColour::of(plate)),
                        )></span>
                    }
                })
                .collect_view()}
            <span class="h-2 w-3 rounded-r bg-zinc-400 dark:bg-zinc-500"></span>
        </div>
    }
}
