//! Resumable passes over a long series: the analysis of a million samples is done a slice at a
//! time, so the page can let the browser paint and handle input in between.
//!
//! Every long computation of the Capacity tab is a state machine whose `step` does at most a
//! budget of work (one unit is one sample, or one element of a partition) and says whether it
//! is done. The order of every floating-point operation is the order of the one-shot
//! computation, so a result does not depend on how the work was sliced.

/// Work units one step does at most: on a million samples a pass takes about 60 steps, each
/// well under a millisecond natively.
pub const STEP_SAMPLES: usize = 16_384;

/// Runs `body` for the next indices of a pass over `0..end`, starting at `*next`, at most
/// `*budget` of them; spends the budget and moves `*next` on. True when the pass is complete.
pub fn run_pass(
    next: &mut usize,
    end: usize,
    budget: &mut usize,
    mut body: impl FnMut(usize),
) -> bool {
    let start = (*next).min(end);
    let stop = end.min(start.saturating_add(*budget));
    for i in start..stop {
        body(i);
    }
    *budget -= stop - start;
    *next = stop;
    stop == end
}

/// The unlimited budget of a computation done all at once.
pub fn unlimited() -> usize {
    usize::MAX
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_stops_at_its_budget_and_resumes() {
        let mut seen = Vec::new();
        let (mut next, mut budget) = (0, 3);
        assert!(!run_pass(&mut next, 5, &mut budget, |i| seen.push(i)));
        assert_eq!((next, budget), (3, 0));
        assert!(!run_pass(&mut next, 5, &mut budget, |i| seen.push(i)));
        budget = 10;
        assert!(run_pass(&mut next, 5, &mut budget, |i| seen.push(i)));
        assert_eq!((next, budget), (5, 8));
        assert_eq!(seen, vec![0, 1, 2, 3, 4]);
        let mut empty_budget = 0;
        assert!(run_pass(&mut 0, 0, &mut empty_budget, |_| unreachable!()));
    }
}
