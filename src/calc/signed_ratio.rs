//! Exact rational numbers for calculators whose results are divided and compared (toil hours,
//! shares of team time, payback months), rounded once, when shown.
//!
//! Numerators and denominators are `i128`, always reduced, the denominator above zero. Callers
//! bound their inputs (every typed value has a maximum) so that no product overflows.

use std::cmp::Ordering;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// An exact fraction `numerator / denominator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SignedRatio {
    numerator: i128,
    denominator: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl SignedRatio {
    pub const ZERO: SignedRatio = SignedRatio {
        numerator: 0,
        denominator: 1,
    };
    pub const ONE: SignedRatio = SignedRatio {
        numerator: 1,
        denominator: 1,
    };

    /// `numerator / denominator`, reduced. A zero denominator is a programming error; it reads
    /// as zero rather than panicking, and callers check divisors first.
    pub fn new(numerator: i128, denominator: i128) -> SignedRatio {
        if denominator == 0 {
            return SignedRatio::ZERO;
        }
        let sign = if denominator < 0 { -1 } else { 1 };
        let divisor = gcd(numerator, denominator).max(1);
        SignedRatio {
            numerator: sign * numerator / divisor,
            denominator: sign * denominator / divisor,
        }
    }

    /// A whole number.
    pub fn from_int(value: i128) -> SignedRatio {
        SignedRatio::new(value, 1)
    }

    /// `scaled / 10^places`, as produced by [`crate::calc::decimal::parse_scaled`].
    pub fn from_scaled(scaled: u64, places: u32) -> SignedRatio {
        SignedRatio::new(i128::from(scaled), 10i128.pow(places))
    }

    pub fn numerator(self) -> i128 {
        self.numerator
    }

    pub fn denominator(self) -> i128 {
        self.denominator
    }

    pub fn is_zero(self) -> bool {
        self.numerator == 0
    }

    pub fn is_positive(self) -> bool {
        self.numerator > 0
    }

    /// `self / divisor`, or `None` when the divisor is zero.
    pub fn checked_div(self, divisor: SignedRatio) -> Option<SignedRatio> {
        (!divisor.is_zero()).then(|| self / divisor)
    }

    /// Rounded half away from zero to a whole number.
    pub fn round(self) -> i128 {
        let twice = 2 * self.numerator.abs() + self.denominator;
        let magnitude = twice / (2 * self.denominator);
        if self.numerator < 0 {
            -magnitude
        } else {
            magnitude
        }
    }

    /// Rounded up to a whole number (towards positive infinity).
    pub fn ceil(self) -> i128 {
        let floor = self.numerator.div_euclid(self.denominator);
        if self.numerator.rem_euclid(self.denominator) == 0 {
            floor
        } else {
            floor + 1
        }
    }

    /// The value as a float, for placing points on a chart only.
    pub fn to_f64(self) -> f64 {
        self.numerator as f64 / self.denominator as f64
    }

    /// Decimal text rounded half away from zero to `places` decimals, with trailing zeros (and
    /// a trailing point) dropped and thousands grouped by commas: `1,182.5`, `-3`, `0.05`.
    pub fn to_decimal_text(self, places: u32) -> String {
        self.format(places, true)
    }

    /// Like [`SignedRatio::to_decimal_text`] but always with exactly `places` decimals: `15.20`.
    pub fn to_fixed_text(self, places: u32) -> String {
        self.format(places, false)
    }

    fn format(self, places: u32, trim: bool) -> String {
        let scale = 10i128.pow(places);
        let scaled = (self * SignedRatio::from_int(scale)).round();
        let negative = scaled < 0;
        let magnitude = scaled.unsigned_abs();
        let whole = magnitude / scale as u128;
        let fraction = magnitude % scale as u128;
        let mut text = String::new();
        if negative {
            text.push('-');
        }
        text.push_str(&super::decimal::grouped(&whole.to_string()));
        if places > 0 {
            let digits = format!("{fraction:0width$}", width = places as usize);
            let digits = if trim {
                digits.trim_end_matches('0')
            } else {
                &digits
            };
            if !digits.is_empty() {
                text.push('.');
                text.push_str(digits);
            }
        }
        text
    }
}

impl Add for SignedRatio {
    type Output = SignedRatio;
    fn add(self, other: SignedRatio) -> SignedRatio {
        let divisor = gcd(self.denominator, other.denominator);
        let left = other.denominator / divisor;
        let right = self.denominator / divisor;
        SignedRatio::new(
            self.numerator * left + other.numerator * right,
            self.denominator * left,
        )
    }
}

impl Sub for SignedRatio {
    type Output = SignedRatio;
    fn sub(self, other: SignedRatio) -> SignedRatio {
        self + (-other)
    }
}

impl Neg for SignedRatio {
    type Output = SignedRatio;
    fn neg(self) -> SignedRatio {
        SignedRatio {
            numerator: -self.numerator,
            denominator: self.denominator,
        }
    }
}

impl Mul for SignedRatio {
    type Output = SignedRatio;
    fn mul(self, other: SignedRatio) -> SignedRatio {
        // Cross-reduce first to keep the intermediate products small.
        let a = gcd(self.numerator, other.denominator).max(1);
        let b = gcd(other.numerator, self.denominator).max(1);
        SignedRatio::new(
            (self.numerator / a) * (other.numerator / b),
            (self.denominator / b) * (other.denominator / a),
        )
    }
}

impl Div for SignedRatio {
    type Output = SignedRatio;
    /// Division by zero reads as zero; use [`SignedRatio::checked_div`] where a divisor may be zero.
    fn div(self, other: SignedRatio) -> SignedRatio {
        if other.is_zero() {
            return SignedRatio::ZERO;
        }
        self.mul(SignedRatio::new(other.denominator, other.numerator))
    }
}

impl PartialOrd for SignedRatio {
    fn partial_cmp(&self, other: &SignedRatio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SignedRatio {
    /// Compares without cross-multiplying (which could overflow): whole parts first, then the
    /// remainders, as continued fractions.
    fn cmp(&self, other: &SignedRatio) -> Ordering {
        let (mut a, mut b, mut c, mut d) = (
            self.numerator,
            self.denominator,
            other.numerator,
            other.denominator,
        );
        let mut flipped = false;
        loop {
            let (whole_left, whole_right) = (a.div_euclid(b), c.div_euclid(d));
            let order = whole_left.cmp(&whole_right);
            if order != Ordering::Equal {
                return if flipped { order.reverse() } else { order };
            }
            let (rest_left, rest_right) = (a.rem_euclid(b), c.rem_euclid(d));
            match (rest_left == 0, rest_right == 0) {
                (true, true) => return Ordering::Equal,
                (true, false) => {
                    return if flipped {
                        Ordering::Greater
                    } else {
                        Ordering::Less
                    }
                }
                (false, true) => {
                    return if flipped {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    }
                }
                // a/b = w + r/b: comparing r/b with s/d is comparing d/s with b/r, reversed.
                (false, false) => {
                    (a, b, c, d) = (b, rest_left, d, rest_right);
                    flipped = !flipped;
                }
            }
        }
    }
}

impl std::iter::Sum for SignedRatio {
    fn sum<I: Iterator<Item = SignedRatio>>(iter: I) -> SignedRatio {
        iter.fold(SignedRatio::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i128, d: i128) -> SignedRatio {
        SignedRatio::new(n, d)
    }

    #[test]
    fn arithmetic_is_exact_and_reduced() {
        assert_eq!(r(1, 3) + r(1, 6), r(1, 2));
        assert_eq!(r(1, 2) - r(3, 4), r(-1, 4));
        assert_eq!(r(2, 3) * r(9, 4), r(3, 2));
        assert_eq!(r(1, 2) / r(1, 4), SignedRatio::from_int(2));
        assert_eq!(r(2, -4), r(-1, 2));
        assert_eq!(
            r(1, 10) + r(2, 10),
            r(3, 10),
            "no float noise: 0.1 + 0.2 = 0.3"
        );
        assert!(r(1, 3) < r(34, 100));
        assert!(r(-1, 3) > r(-34, 100));
        assert!(r(7, 3) > r(2, 1));
        assert_eq!(r(4, 6).cmp(&r(2, 3)), Ordering::Equal);
        let huge = i128::MAX / 3;
        assert!(r(huge, huge - 1) < r(huge - 1, huge - 2));
        assert_eq!(r(5, 1).checked_div(SignedRatio::ZERO), None);
    }

    #[test]
    fn formats_with_one_rounding() {
        let cases: &[(SignedRatio, u32, &str, &str)] = &[
            (r(365, 2), 2, "182.5", "182.50"),
            (r(64, 61), 2, "1.05", "1.05"),
            (r(2, 3), 2, "0.67", "0.67"),
            (r(-5, 2), 0, "-3", "-3"),
            (r(1_234_567, 1), 2, "1,234,567", "1,234,567.00"),
            (r(1, 1000), 2, "0", "0.00"),
            (r(-1, 1000), 2, "0", "0.00"),
            (r(1, 200), 2, "0.01", "0.01"),
        ];
        for (value, places, trimmed, fixed) in cases {
            assert_eq!(value.to_decimal_text(*places), *trimmed, "{value:?}");
            assert_eq!(value.to_fixed_text(*places), *fixed, "{value:?}");
        }
    }

    #[test]
    fn rounds_up_and_to_nearest() {
        assert_eq!(r(7, 2).ceil(), 4);
        assert_eq!(r(8, 2).ceil(), 4);
        assert_eq!(r(-7, 2).ceil(), -3);
        assert_eq!(r(5, 2).round(), 3);
        assert_eq!(r(-5, 2).round(), -3);
        assert_eq!(r(12, 5).round(), 2);
    }
}
