//! Work spread over the machine's cores, for the few jobs big enough to gain from it:
//! reading and writing a large project file, reading a large import. Plain scoped
//! threads: each job runs a handful of long pieces, so a pool would buy nothing.

/// Threads worth using: the machine's cores, at most 8.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Runs `f` on each item on its own scoped thread and returns the results in order.
/// A panic in `f` is passed on to the caller.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() < 2 {
        return items.iter().map(&f).collect();
    }
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = items[1..]
            .iter()
            .map(|item| s.spawn(move || f(item)))
            .collect();
        // The first item runs here instead of idling while the others work.
        let mut out = vec![f(&items[0])];
        out.extend(
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
        );
        out
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_order() {
        let items: Vec<usize> = (0..7).collect();
        assert_eq!(
            super::map(&items, |i| i * 10),
            vec![0, 10, 20, 30, 40, 50, 60]
        );
        assert_eq!(super::map(&[] as &[usize], |i| *i), Vec::<usize>::new());
    }
}
