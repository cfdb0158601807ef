//! One compiled sort for every element type: the core's and the web app's stable sorts, and
//! what replaces a `collect()` into a `BTreeMap` (which sorts its input first).
//!
//! `slice::sort_by` is generic over the element and the comparison, so each call site compiled
//! its own copy of the standard library's stable sort (~2–4 KB of wasm each, eight copies in the
//! page's first load). Here the standard sort runs once, over indices, with the comparison behind
//! a `dyn`: every caller shares that one copy and keeps only a small permutation of its own.
//! The order is the standard library's: stable, equal elements keep their order.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably — what `items.sort_by(compare)` does.
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = stable_order(items.len(), &mut |a, b| match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => compare(a, b),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|index| slots.get_mut(index).and_then(Option::take)));
}

/// Sorts `items` by `key`, stably — what `items.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, stably — what `items.sort()` does.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The indices `0..len` in the stable order `compare` gives them: the one place the standard
/// sort is instantiated.
#[inline(never)]
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| compare(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lists with repeated keys, each element tagged with its place, so stability shows.
    fn lists() -> Vec<Vec<(u8, usize)>> {
        let mut lists = vec![vec![], vec![(3, 0)], vec![(2, 0), (1, 1)], vec![(1, 0), (1, 1), (1, 2)]];
        // A fixed pseudo-random sequence (no seed from the clock): lengths 0..=40, keys 0..5.
        let mut state: u32 = 0x2545_f491;
        for len in 0..=40 {
            let mut list = Vec::new();
            for place in 0..len {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                list.push(((state % 5) as u8, place));
            }
            lists.push(list);
        }
        lists
    }

    #[test]
    fn sort_by_key_orders_as_the_standard_stable_sort() {
        for list in lists() {
            let mut expected = list.clone();
            expected.sort_by_key(|item| item.0);
            let mut got = list.clone();
            sort_by_key(&mut got, |item| item.0);
            assert_eq!(got, expected, "input {list:?}");
        }
    }

    // The reference is the standard `sort_by` with the very comparison given to ours.
    #[allow(clippy::unnecessary_sort_by)]
    #[test]
    fn sort_by_orders_as_the_standard_stable_sort_in_reverse_too() {
        for list in lists() {
            let mut expected = list.clone();
            expected.sort_by(|a, b| b.0.cmp(&a.0));
            let mut got = list.clone();
            sort_by(&mut got, |a, b| b.0.cmp(&a.0));
            assert_eq!(got, expected, "input {list:?}");
        }
    }

    #[test]
    fn sort_orders_strings_as_the_standard_sort() {
        let words = ["s3:GetObject", "iam:PassRole", "", "sts:AssumeRole", "iam:PassRole", "ec2:RunInstances"];
        let mut expected: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        expected.sort();
        let mut got: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        sort(&mut got);
        assert_eq!(got, expected);
        assert_eq!(got.first().map(String::as_str), Some(""));
    }
}
