//! A block's load as the workout pages write it: "≈ 66" when the max comes through the
//! club's ratios, with its warning, or why there is none; a sheet's table of each athlete's
//! loads. Shared by the workout's and the week's sheets and the builder.

use crate::components::format::kg;
use crate::i18n::*;
use crate::model::SheetAthlete;
use domain::load::{LoadFlag, Percent};
use domain::workout::metrics::{BlockLoad, NoLoad};
use leptos::prelude::*;

/// A percentage in the page's language ("82,5 %" / "82.5%").
pub fn percent(locale: Locale, p: Percent) -> String {
    match locale {
        Locale::fr => format!("{}\u{a0}%", p.to_string().replace('.', ",")),
        Locale::en => format!("{p}%"),
    }
}

/// A load's warning, in brackets, or nothing.
fn flag_text(locale: Locale, flag: Option<LoadFlag>) -> String {
    match flag {
        Some(LoadFlag::BelowBar) => format!(" ({})", td_string!(locale, workouts.below_bar)),
        Some(LoadFlag::Unbuildable) => format!(" ({})", td_string!(locale, workouts.unbuildable)),
        None => String::new(),
    }
}

/// A load's text: "≈ 98" when its max comes through ratios, "100 (83 %)" for a load in kg
/// with the share of the athlete's max, with its warning; or why there is no load. `unit`:
/// "≈ 98 kg", where no column heading says the unit (the builder's preview).
pub fn load_text(locale: Locale, load: &BlockLoad, unit: bool) -> String {
    let unit = if unit { "\u{a0}kg" } else { "" };
    match *load {
        BlockLoad::Planned {
            load, flag, derived, ..
        } => {
            let approx = if derived { "≈\u{a0}" } else { "" };
            format!("{approx}{}{unit}{}", kg(locale, load), flag_text(locale, flag))
        }
        BlockLoad::Fixed {
            load,
            flag,
            percent: p,
        } => {
            let share = p
                .map(|p| format!(" ({})", percent(locale, p)))
                .unwrap_or_default();
            format!("{}{unit}{share}{}", kg(locale, load), flag_text(locale, flag))
        }
        BlockLoad::Unloaded { reason } => match reason {
            NoLoad::Rpe => td_string!(locale, workouts.rpe_load).to_string(),
            NoLoad::NoMax(_) => td_string!(locale, workouts.no_max).to_string(),
            NoLoad::UnknownLift => td_string!(locale, workouts.unknown_lift).to_string(),
        },
    }
}

/// One element's table: a row per athlete, a column per block (headed by the block's
/// shorthand), each athlete's load in kg.
pub fn loads_table(
    locale: Locale,
    name: &str,
    element: usize,
    heads: &[(String, String)],
    athletes: &[SheetAthlete],
) -> impl IntoView + use<> {
    let cell = "border border-line px-2 py-1 text-right tabular-nums";
    let head = "border border-line px-2 py-1 text-right font-mono text-xs font-semibold sm:min-w-28";
    let caption = tr!(workouts.sheet_caption, name = name.to_owned());
    let rows = athletes
        .iter()
        .map(|athlete| {
            let cells = (0..heads.len())
                .map(|j| {
                    let text = athlete
                        .blocks
                        .get(element)
                        .and_then(|b| b.get(j))
                        .map(|load| load_text(locale, load, false))
                        .unwrap_or_default();
                    view! { <td class=cell data-testid="sheet-load">{text}</td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row" class="border border-line px-2 py-1 text-left font-medium" data-testid="sheet-athlete">{athlete.name.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="overflow-x-auto print:overflow-visible">
            <table class="w-full border-collapse text-sm sm:w-auto print:text-xs" data-testid="sheet-table">
                <caption class="sr-only">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="border border-line px-2 py-1 text-left text-xs font-medium text-muted sm:w-56">{tr!(workouts.sheet_athlete)}</th>
                        {heads.iter().map(|(short, words)| view! {
                            <th scope="col" class=head>
                                <span aria-hidden="true">{short.clone()}</span>
                                <span class="sr-only">{words.clone()}</span>
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::ratios::Unresolved;
    use domain::weight::Kg;

    #[test]
    fn a_derived_load_is_marked_and_a_flag_is_said() {
        let derived = BlockLoad::Planned {
            load: Kg::whole(66),
            flag: None,
            max: Kg::whole(88),
            derived: true,
        };
        assert_eq!(load_text(Locale::fr, &derived, false), "≈\u{a0}66");
        assert_eq!(load_text(Locale::fr, &derived, true), "≈\u{a0}66\u{a0}kg");
        let light = BlockLoad::Planned {
            load: Kg::whole(15),
            flag: Some(LoadFlag::BelowBar),
            max: Kg::whole(30),
            derived: false,
        };
        assert_eq!(load_text(Locale::en, &light, false), "15 (below the bar)");
        let fixed = BlockLoad::Fixed {
            load: Kg::whole(100),
            flag: None,
            percent: Some(Percent::whole(80)),
        };
        assert_eq!(load_text(Locale::fr, &fixed, false), "100 (80\u{a0}%)");
        assert_eq!(load_text(Locale::fr, &fixed, true), "100\u{a0}kg (80\u{a0}%)");
        let none = BlockLoad::Unloaded {
            reason: NoLoad::NoMax(Unresolved::NoMax),
        };
        assert_eq!(load_text(Locale::en, &none, true), "no max");
    }
}
