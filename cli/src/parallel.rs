//! Many prefixes at once: `batch` spreads its items over threads, with the
//! results in input order.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Applies `f` to every item on `jobs` threads (at least one), returning results in input
/// order. `done` is called after each item (for a progress bar). Items are handed out one
/// at a time, so a slow item does not hold up a whole chunk.
pub(crate) fn map_parallel<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
    done: &(dyn Fn() + Sync),
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let jobs = jobs.clamp(1, items.len().max(1));
    let mut parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                        done();
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut all: Vec<(usize, R)> = parts.drain(..).flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// The number of threads to use by default: the cores available.
pub(crate) fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        let count = AtomicUsize::new(0);
        for jobs in [0, 1, 2, 7, 5000] {
            count.store(0, Ordering::Relaxed);
            let out = map_parallel(&items, jobs, |x| x * 2, &|| {
                count.fetch_add(1, Ordering::Relaxed);
            });
            assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
            assert_eq!(count.load(Ordering::Relaxed), 1000);
        }
        assert!(map_parallel(&[] as &[u8], 4, |x| *x, &|| ()).is_empty());
    }
}
