//! Whether loads can be built, each distinct load searched once per computation.
//!
//! [`check_load`] is an exact search with its own allocations: the metrics ask it once per
//! (sex, load) and remember the answer for every other block and athlete of the computation.
//! Loads on the club's step (every %-load, most kg loads) are kept in a table indexed by the
//! number of steps; any other in a map.

use crate::competition::Sex;
use crate::load::{LoadFlag, PlateInventory, check_load};
use crate::weight::Kg;
use std::collections::HashMap;

/// The steps the table keeps: 2 048 kg with a 1 kg step, 1 024 kg with 0.5 kg.
const GRID: usize = 2_048;

/// A load of the table not searched yet.
const UNKNOWN: u8 = 0;
const BUILDABLE: u8 = 1;
const UNBUILDABLE: u8 = 2;
const BELOW_BAR: u8 = 3;

fn encode(flag: Option<LoadFlag>) -> u8 {
    match flag {
        None => BUILDABLE,
        Some(LoadFlag::Unbuildable) => UNBUILDABLE,
        Some(LoadFlag::BelowBar) => BELOW_BAR,
    }
}

fn decode(cell: u8) -> Option<Option<LoadFlag>> {
    match cell {
        BUILDABLE => Some(None),
        UNBUILDABLE => Some(Some(LoadFlag::Unbuildable)),
        BELOW_BAR => Some(Some(LoadFlag::BelowBar)),
        _ => None,
    }
}

/// The plate checks made so far in one computation.
pub(super) struct PlateChecks<'s> {
    inventory: &'s PlateInventory,
    /// The club's step in grams (loads `i × step` go in the tables).
    step: i64,
    /// The answer for each load `i × step` on a women's and a men's bar; empty until used.
    women: Vec<u8>,
    men: Vec<u8>,
    /// The answers for any other load.
    other: HashMap<(Sex, i64), Option<LoadFlag>>,
}

impl<'s> PlateChecks<'s> {
    pub(super) fn new(inventory: &'s PlateInventory, step: Kg) -> Self {
        Self {
            inventory,
            step: step.grams(),
            women: Vec::new(),
            men: Vec::new(),
            other: HashMap::new(),
        }
    }

    /// The flag [`check_load`] gives `load` on the bar of `sex`. A load lighter than the bar
    /// with its collars is flagged without a search; one whose plates cannot even be computed
    /// (absurd values) is unbuildable.
    pub(super) fn flag(&mut self, load: Kg, sex: Sex) -> Option<LoadFlag> {
        let inventory = self.inventory;
        let grams = load.grams();
        let bar = inventory.bar(sex).grams();
        if grams < bar.saturating_add(inventory.collar.grams().saturating_mul(2)) {
            return Some(LoadFlag::BelowBar);
        }
        let plates = inventory
            .collar
            .grams()
            .checked_mul(2)
            .and_then(|collars| grams.checked_sub(bar)?.checked_sub(collars));
        if plates.is_none() {
            return Some(LoadFlag::Unbuildable);
        }
        let search = || check_load(load, sex, inventory).flags.first().copied();
        let steps = (self.step > 0 && grams % self.step == 0)
            .then(|| usize::try_from(grams / self.step).ok())
            .flatten()
            .filter(|&i| i < GRID);
        let Some(i) = steps else {
            return *self.other.entry((sex, grams)).or_insert_with(search);
        };
        let table = match sex {
            Sex::Women => &mut self.women,
            Sex::Men => &mut self.men,
        };
        if table.is_empty() {
            table.resize(GRID, UNKNOWN);
        }
        let Some(cell) = table.get_mut(i) else {
            return search();
        };
        match decode(*cell) {
            Some(flag) => flag,
            None => {
                let flag = search();
                *cell = encode(flag);
                flag
            }
        }
    }
}
