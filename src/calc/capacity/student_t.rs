//! The quantile of Student's t distribution that a two-sided 95% interval needs.
//!
//! For ν degrees of freedom, with θ = atan(t / √ν), the probability P(|T| ≤ t) is
//! C_ν ∫₀^θ cos^(ν−1) φ dφ, which has a finite closed form for whole ν (Abramowitz and Stegun
//! 26.7.3 and 26.7.4): a sum of about ν/2 terms. The quantile is found by Newton's method on θ,
//! where C_ν cos^(ν−1) θ is the exact derivative. Above [`DIRECT_LIMIT`] degrees of freedom the
//! Cornish-Fisher expansion around the normal quantile is used, to the 1/ν⁴ term (its error
//! there is about 1e-15, and the sum would cost a pass over ν/2 terms per Newton step).
//! Checked against scipy.stats.t.ppf in the tests.

use std::f64::consts::{FRAC_2_PI, FRAC_PI_2};

/// The normal quantile z(0.975), from scipy.stats.norm.ppf(0.975).
pub const Z_975: f64 = 1.959_963_984_540_054;
/// Degrees of freedom up to which the closed form is summed.
pub const DIRECT_LIMIT: u64 = 1_000;

/// t such that P(|T| ≤ t) = 0.95 for Student's t with `dof` degrees of freedom: the factor of a
/// two-sided 95% interval. `dof` 0 is treated as 1.
pub fn t_975(dof: u64) -> f64 {
    let dof = dof.max(1);
    if dof > DIRECT_LIMIT {
        return cornish_fisher(Z_975, dof as f64);
    }
    let nu = dof as f64;
    let mut theta = (Z_975 / nu.sqrt()).atan();
    for _ in 0..60 {
        let (probability, derivative) = central_probability(theta, dof);
        let step = (probability - 0.95) / derivative;
        let next = if step.is_finite() {
            (theta - step).clamp(theta / 2.0, (theta + FRAC_PI_2) / 2.0)
        } else {
            theta / 2.0
        };
        let done = (next - theta).abs() <= 4.0 * f64::EPSILON * theta;
        theta = next;
        if done {
            break;
        }
    }
    nu.sqrt() * theta.tan()
}

/// P(|T| ≤ √ν tan θ) and its derivative with respect to θ, C_ν cos^(ν−1) θ.
fn central_probability(theta: f64, dof: u64) -> (f64, f64) {
    let (sin, cos) = theta.sin_cos();
    let cos2 = cos * cos;
    let power = cos.powi((dof - 1) as i32);
    let mut sum = 1.0;
    let mut compensation = 0.0;
    let mut term = 1.0;
    if dof.is_multiple_of(2) {
        // A = sin θ (1 + (1/2)c² + (1·3)/(2·4)c⁴ + ... + (1·3···(ν−3))/(2·4···(ν−2)) c^(ν−2)).
        // C_ν = 1 / ∫₀^(π/2) cos^(ν−1) = (1·3···(ν−1)) / (2·4···(ν−2)) for odd ν−1.
        let mut normaliser = 1.0;
        let mut k = 1;
        while 2 * k < dof {
            term *= (2 * k - 1) as f64 / (2 * k) as f64 * cos2;
            neumaier(&mut sum, &mut compensation, term);
            normaliser *= (2 * k + 1) as f64 / (2 * k) as f64;
            k += 1;
        }
        (sin * (sum + compensation), normaliser * power)
    } else if dof == 1 {
        (theta * FRAC_2_PI, FRAC_2_PI)
    } else {
        // A = (2/π)(θ + sin θ cos θ (1 + (2/3)c² + ... + (2·4···(ν−3))/(3·5···(ν−2)) c^(ν−3))).
        // C_ν = (2/π) (2·4···(ν−1)) / (1·3···(ν−2)) for even ν−1.
        let mut normaliser = FRAC_2_PI;
        let mut k = 1;
        while 2 * k < dof {
            if 2 * k + 1 < dof {
                term *= (2 * k) as f64 / (2 * k + 1) as f64 * cos2;
                neumaier(&mut sum, &mut compensation, term);
            }
            normaliser *= (2 * k) as f64 / (2 * k - 1) as f64;
            k += 1;
        }
        let a = FRAC_2_PI * (theta + sin * cos * (sum + compensation));
        (a, normaliser * power)
    }
}

/// Adds `value` to a running sum with Neumaier's compensation.
fn neumaier(sum: &mut f64, compensation: &mut f64, value: f64) {
    let t = *sum + value;
    if sum.abs() >= value.abs() {
        *compensation += (*sum - t) + value;
    } else {
        *compensation += (value - t) + *sum;
    }
    *sum = t;
}

/// Cornish-Fisher expansion of the t quantile in powers of 1/ν (Abramowitz and Stegun 26.7.5).
fn cornish_fisher(z: f64, nu: f64) -> f64 {
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1_482.0) * z2 - 1_920.0) * z2 - 945.0) * z / 92_160.0;
    z + g1 / nu + g2 / nu.powi(2) + g3 / nu.powi(3) + g4 / nu.powi(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_scipy() {
        // scipy.stats.t.ppf(0.975, dof), scipy 1.17.1 (tests/data/nab/reference.py prints them).
        let cases: &[(u64, f64)] = &[
            (1, 12.706204736174694),
            (2, 4.302652729749462),
            (3, 3.1824463052837078),
            (4, 2.7764451051977934),
            (5, 2.5705818356363146),
            (10, 2.228138851986274),
            (29, 2.045229642132703),
            (30, 2.0422724563012378),
            (100, 1.9839715185235518),
            (1_000, 1.9623390808264083),
            (1_001, 1.9623367052808798),
            (4_030, 1.9605528112793982),
            (10_318, 1.9601939268549649),
            (1_000_000, 1.959966356814107),
            (1_000_001, 1.9599663568117347),
            (100_000_000, 1.9599640082627663),
        ];
        for (dof, expected) in cases {
            let got = t_975(*dof);
            assert!(
                ((got - expected) / expected).abs() < 1e-9,
                "dof {dof}: {got} vs {expected}"
            );
        }
    }
}
