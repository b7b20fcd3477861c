//! Reordering a list: by dragging, with Alt+↑/↓, or with buttons — the one rule they share.

/// Moves the item at `from` to `to` (both within the list).
pub fn move_item<T>(list: &mut Vec<T>, from: usize, to: usize) {
    if from < list.len() && to < list.len() && from != to {
        let item = list.remove(from);
        list.insert(to, item);
    }
}

/// Where Alt+↑ or Alt+↓ on the item at `index` of a list of `len` items moves it, if anywhere.
pub fn keyboard_target(key: &str, alt: bool, index: usize, len: usize) -> Option<usize> {
    if !alt {
        return None;
    }
    match key {
        "ArrowUp" => index.checked_sub(1),
        "ArrowDown" => Some(index + 1).filter(|to| *to < len),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{keyboard_target, move_item};

    #[test]
    fn alt_arrows_move_within_the_list_only() {
        assert_eq!(keyboard_target("ArrowUp", true, 2, 4), Some(1));
        assert_eq!(keyboard_target("ArrowDown", true, 2, 4), Some(3));
        assert_eq!(
            keyboard_target("ArrowUp", true, 0, 4),
            None,
            "the first stays first"
        );
        assert_eq!(
            keyboard_target("ArrowDown", true, 3, 4),
            None,
            "the last stays last"
        );
        assert_eq!(
            keyboard_target("ArrowDown", false, 1, 4),
            None,
            "plain arrows scroll the page"
        );
        assert_eq!(keyboard_target("Enter", true, 1, 4), None);
    }

    #[test]
    fn moving_an_item_shifts_the_others() {
        let mut list = vec!['a', 'b', 'c', 'd'];
        move_item(&mut list, 0, 2);
        assert_eq!(list, ['b', 'c', 'a', 'd']);
        move_item(&mut list, 3, 0);
        assert_eq!(list, ['d', 'b', 'c', 'a']);
        move_item(&mut list, 1, 9);
        assert_eq!(list, ['d', 'b', 'c', 'a'], "out of range: nothing moves");
    }
}
