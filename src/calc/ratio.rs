//! Exact non-negative fractions for budget figures that are compared against thresholds or shown
//! with a fixed number of decimals, so that 80% consumed is exactly 80%, never 79.99999999999.

use std::cmp::Ordering;

/// `num / den` with `den > 0`. Built only from checked integer inputs, so it never holds NaN.
#[derive(Debug, Clone, Copy)]
pub struct Ratio {
    num: u128,
    den: u128,
}

impl Ratio {
    /// `num / den`; `None` when `den` is zero (the caller decides what "undefined" means).
    pub fn new(num: u128, den: u128) -> Option<Ratio> {
        (den != 0).then(|| Ratio { num, den }.reduced())
    }

    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };

    pub fn numerator(self) -> u128 {
        self.num
    }

    pub fn denominator(self) -> u128 {
        self.den
    }

    /// `self x other`, or `None` if the product does not fit.
    pub fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        // Cross-reduce first to keep the numbers small.
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        let num = (self.num / g1).checked_mul(other.num / g2)?;
        let den = (self.den / g2).checked_mul(other.den / g1)?;
        Ratio::new(num, den)
    }

    /// `self / other`, or `None` if `other` is zero or the quotient does not fit.
    pub fn checked_div(self, other: Ratio) -> Option<Ratio> {
        if other.num == 0 {
            return None;
        }
        self.checked_mul(Ratio {
            num: other.den,
            den: other.num,
        })
    }

    /// `self - other`, saturating at zero.
    pub fn saturating_sub(self, other: Ratio) -> Ratio {
        match self.cmp_exact(other) {
            Ordering::Greater => {
                // a/b - c/d = (ad - cb) / bd, falling back to floats only if it cannot fit.
                let (Some(ad), Some(cb), Some(bd)) = (
                    self.num.checked_mul(other.den),
                    other.num.checked_mul(self.den),
                    self.den.checked_mul(other.den),
                ) else {
                    return Ratio::from_f64_approx(self.to_f64() - other.to_f64());
                };
                Ratio::new(ad - cb, bd).unwrap_or(Ratio::ZERO)
            }
            _ => Ratio::ZERO,
        }
    }

    /// `self + other` (approximated in floats only if the exact sum cannot fit).
    pub fn saturating_add(self, other: Ratio) -> Ratio {
        match (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
            self.den.checked_mul(other.den),
        ) {
            (Some(ad), Some(cb), Some(bd)) if ad.checked_add(cb).is_some() => {
                Ratio::new(ad + cb, bd).unwrap_or(Ratio::ZERO)
            }
            _ => Ratio::from_f64_approx(self.to_f64() + other.to_f64()),
        }
    }

    /// Exact comparison.
    pub fn cmp_exact(self, other: Ratio) -> Ordering {
        match (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            (Some(left), Some(right)) => left.cmp(&right),
            // Too large to cross-multiply: compare the whole parts, then the rest as floats.
            _ => {
                let (a, b) = (self.num / self.den, other.num / other.den);
                a.cmp(&b).then_with(|| {
                    self.to_f64()
                        .partial_cmp(&other.to_f64())
                        .unwrap_or(Ordering::Equal)
                })
            }
        }
    }

    /// The value as a float, for drawing and for ranges where exactness no longer matters.
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// `round(self x scale)` half up, saturating at `u64::MAX`.
    pub fn scaled_round(self, scale: u64) -> u64 {
        match self.num.checked_mul(u128::from(scale)) {
            Some(n) => u64::try_from((n + self.den / 2) / self.den).unwrap_or(u64::MAX),
            None => {
                let whole = self.num / self.den;
                u64::try_from(whole.saturating_mul(u128::from(scale))).unwrap_or(u64::MAX)
            }
        }
    }

    /// `floor(self x scale)`, saturating at `u64::MAX`.
    pub fn scaled_floor(self, scale: u64) -> u64 {
        match self.num.checked_mul(u128::from(scale)) {
            Some(n) => u64::try_from(n / self.den).unwrap_or(u64::MAX),
            None => u64::MAX,
        }
    }

    /// Writes the value with exactly `places` decimals, rounded half up: (2, 3) -> "0.667".
    pub fn format_fixed(self, places: u32) -> String {
        let scale = 10u64.pow(places);
        let scaled = self.scaled_round(scale);
        if places == 0 {
            return scaled.to_string();
        }
        format!(
            "{}.{:0width$}",
            scaled / scale,
            scaled % scale,
            width = places as usize
        )
    }

    /// Writes the value as a percentage with `places` decimals, trailing zeros dropped:
    /// 0.8 -> "80", 0.12345 -> "12.35" (with 2 places).
    pub fn format_percent(self, places: u32) -> String {
        let text = Ratio {
            num: self.num.saturating_mul(100),
            den: self.den,
        }
        .format_fixed(places);
        trim_decimal_zeros(text)
    }

    fn reduced(self) -> Ratio {
        let g = gcd(self.num, self.den).max(1);
        Ratio {
            num: self.num / g,
            den: self.den / g,
        }
    }

    fn from_f64_approx(value: f64) -> Ratio {
        if !value.is_finite() || value <= 0.0 {
            return Ratio::ZERO;
        }
        let den: u128 = 1 << 60;
        Ratio::new((value * den as f64) as u128, den).unwrap_or(Ratio::ZERO)
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Ratio) -> bool {
        self.cmp_exact(*other) == Ordering::Equal
    }
}

/// Drops trailing zeros after a decimal point, and the point itself if nothing is left.
pub fn trim_decimal_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(num: u128, den: u128) -> Ratio {
        Ratio::new(num, den).unwrap()
    }

    #[test]
    fn arithmetic_is_exact() {
        assert_eq!(r(1, 3).checked_mul(r(3, 1)).unwrap(), Ratio::ONE);
        assert_eq!(r(4, 5).saturating_sub(r(3, 5)), r(1, 5));
        assert_eq!(r(1, 5).saturating_sub(r(4, 5)), Ratio::ZERO);
        assert_eq!(r(1, 2).saturating_add(r(1, 3)), r(5, 6));
        assert_eq!(r(1, 2).checked_div(r(1, 4)).unwrap(), r(2, 1));
        assert!(r(1, 2).checked_div(Ratio::ZERO).is_none());
        assert!(Ratio::new(1, 0).is_none());
    }

    #[test]
    fn formats_without_noise() {
        assert_eq!(r(2, 3).format_fixed(3), "0.667");
        assert_eq!(r(1, 1).format_fixed(2), "1.00");
        assert_eq!(r(144, 10).format_fixed(1), "14.4");
        assert_eq!(r(4, 5).format_percent(2), "80");
        assert_eq!(r(12345, 100_000).format_percent(2), "12.35");
        assert_eq!(r(7, 1).format_fixed(0), "7");
    }

    #[test]
    fn compares_exactly_at_boundaries() {
        // 0.2 as 2/10 and as 20,000,000/100,000,000 are equal, not almost equal.
        assert_eq!(
            r(2, 10).cmp_exact(r(20_000_000, 100_000_000)),
            Ordering::Equal
        );
        assert_eq!(r(199_999, 1_000_000).cmp_exact(r(1, 5)), Ordering::Less);
        let huge = r(u128::MAX / 3, 7);
        assert_eq!(huge.cmp_exact(r(u128::MAX / 3, 7)), Ordering::Equal);
        assert_eq!(huge.cmp_exact(Ratio::ONE), Ordering::Greater);
    }

    #[test]
    fn scaling_saturates_instead_of_overflowing() {
        assert_eq!(r(u128::MAX, 1).scaled_round(1000), u64::MAX);
        assert_eq!(r(1, 3).scaled_floor(1000), 333);
        assert_eq!(r(2, 3).scaled_round(1000), 667);
    }
}
