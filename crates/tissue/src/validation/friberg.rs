//! Suite `tissue/friberg`, structural cases: baseline equilibria (FRI-1), the linearised
//! rebound against the Jacobian (FRI-2), the PK fixture identities (FRI-7) and the Quartino
//! baseline (FRI-8).

use super::fixtures::{PkFixture, DOCETAXEL_MG_PER_UMOL};
use super::FRIBERG_SUITE as SUITE;
use crate::friberg::{Friberg, FribergPreset, Quartino, QuartinoParams};
use crate::rebound::{critical_gamma, rebound};
use crate::regeneration::RegenerationParams;
use nalgebra::DMatrix;
use oncodyn_core::validation::CaseRecord;
use oncodyn_core::{simulate, Event, Method, Model, Output, Result, SolverOptions, SubModel};

const SRC_FRIBERG: &str =
    "Friberg et al. (2002) J Clin Oncol 20:4713-4721, model equations (exact consequence)";
const SRC_REBOUND: &str = "linearisation of Friberg et al. (2002) J Clin Oncol 20:4713-4721: s (s + ktr)^4 + gamma ktr^5 = 0 (exact consequence)";
const SRC_BRUNO: &str =
    "Bruno et al. (1996) J Pharmacokinet Biopharm 24:153-172 (linear PK identities)";
const SRC_QUARTINO: &str = "Quartino et al. (2014) Pharm Res 31:3390-3403 (baseline kcirc Circ0/ktr; G-CSF kin = (ke + kANC Circ0) GCSF0)";

/// FRI-2 expected values: (preset index in `FribergPreset::all()`, Re z, Im z, ktr
/// (1/day), decay ktr Re z (1/day), period (day), printed decimals of ktr, decay, period).
const REBOUND_TABLE: [(usize, f64, f64, f64, f64, f64); 4] = [
    (0, -0.1409556, 0.2191919, 1.0823, -0.152556, 26.485),
    (1, -0.1397792, 0.2214067, 1.07503, -0.150267, 26.398),
    (2, -0.1014375, 0.2851055, 0.774194, -0.0785322, 28.466),
    (3, -0.1510758, 0.1992059, 1.140426, -0.172291, 27.657),
];

/// Half a unit in the last printed digit of `value` printed with `decimals` decimals.
fn printed(decimals: i32) -> f64 {
    0.5 * 10f64.powi(-decimals)
}

/// FRI-1: the baseline is an equilibrium of every preset (and with regeneration support).
pub(crate) fn baseline_equilibria() -> Result<Vec<CaseRecord>> {
    let mut records = Vec::new();
    for preset in FribergPreset::all() {
        let chain = Friberg::from_preset("neutrophils", &preset, "drug.concentration")?;
        let supported = chain
            .clone()
            .with_regeneration("regen.engrafted", RegenerationParams::flagship())?;
        for (label, sub, inputs) in [
            ("no drug", chain, vec![0.0]),
            ("no drug, R = 1e8 cells", supported, vec![0.0, 1e8]),
        ] {
            let mut y = [0.0; 5];
            sub.init(&mut y);
            let mut dy = [0.0; 5];
            sub.rhs(0.0, &y, &inputs, &mut dy);
            let scale = preset.params.ktr() * preset.params.circ0;
            let residual = dy.iter().fold(0.0f64, |m, d| m.max(d.abs())) / scale;
            records.push(CaseRecord::absolute(
                SUITE,
                format!("FRI-1 baseline equilibrium, {} ({label})", preset.name),
                SRC_FRIBERG,
                "max |d state/dt| / (ktr Circ0) at Prol = T1 = T2 = T3 = Circ = Circ0",
                0.0,
                residual,
                1e-12,
            ));
        }
    }
    Ok(records)
}

/// Central-difference Jacobian of a sub-model's right-hand side at `y`.
fn jacobian(sub: &dyn SubModel, y: &[f64], inputs: &[f64]) -> DMatrix<f64> {
    let n = y.len();
    let mut jac = DMatrix::zeros(n, n);
    let (mut plus, mut minus) = (vec![0.0; n], vec![0.0; n]);
    for j in 0..n {
        let h = 1e-6 * y[j].abs().max(1.0);
        let mut yp = y.to_vec();
        let mut ym = y.to_vec();
        yp[j] += h;
        ym[j] -= h;
        sub.rhs(0.0, &yp, inputs, &mut plus);
        sub.rhs(0.0, &ym, inputs, &mut minus);
        for i in 0..n {
            jac[(i, j)] = (plus[i] - minus[i]) / (2.0 * h);
        }
    }
    jac
}

/// FRI-2: dominant root, decay rate and period per parameter set, and the dominant
/// eigenvalue of the chain's Jacobian.
pub(crate) fn linearised_rebound() -> Result<Vec<CaseRecord>> {
    let presets = FribergPreset::all();
    let mut records = Vec::new();
    for (index, re, im, ktr, decay, period) in REBOUND_TABLE {
        let preset = &presets[index];
        let p = preset.params;
        let r = rebound(p.gamma, p.mtt)?;
        let name = preset.name;
        let case = |what: &str| format!("FRI-2 {what}, {name}");
        records.push(CaseRecord::relative(
            SUITE,
            case("dominant root Re z"),
            SRC_REBOUND,
            "Re z of z (z + 1)^4 + gamma = 0",
            re,
            r.z.re,
            1e-6,
        ));
        records.push(CaseRecord::relative(
            SUITE,
            case("dominant root Im z"),
            SRC_REBOUND,
            "Im z of z (z + 1)^4 + gamma = 0",
            im,
            r.z.im,
            1e-6,
        ));
        let decimals = |x: f64| -> i32 {
            let text = format!("{x}");
            text.split('.').nth(1).map_or(0, |d| d.len() as i32)
        };
        records.push(CaseRecord::absolute(
            SUITE,
            case("ktr"),
            SRC_REBOUND,
            "ktr = 4/MTT [1/day] (tolerance: printed precision)",
            ktr,
            r.ktr,
            printed(decimals(ktr)),
        ));
        records.push(CaseRecord::absolute(
            SUITE,
            case("decay rate"),
            SRC_REBOUND,
            "ktr Re z [1/day] (tolerance: printed precision)",
            decay,
            r.decay_rate,
            printed(decimals(decay)),
        ));
        records.push(CaseRecord::absolute(
            SUITE,
            case("rebound period"),
            SRC_REBOUND,
            "2 pi/(ktr Im z) [day] (tolerance: printed precision)",
            period,
            r.period,
            printed(decimals(period)),
        ));

        let chain = Friberg::new("neutrophils", p)?;
        let mut y = [0.0; 5];
        chain.init(&mut y);
        let eigen = jacobian(&chain, &y, &[]).complex_eigenvalues();
        let dominant = eigen.iter().copied().fold(eigen[0], |best, z| {
            if z.re > best.re + 1e-12 || ((z.re - best.re).abs() <= 1e-12 && z.im > best.im) {
                z
            } else {
                best
            }
        });
        records.push(CaseRecord::relative(SUITE, case("Jacobian dominant eigenvalue Re"), SRC_REBOUND, "Re of the dominant eigenvalue of the 5x5 Jacobian (central differences) [1/day] vs ktr Re z", r.decay_rate, dominant.re, 1e-6));
        records.push(CaseRecord::relative(
            SUITE,
            case("Jacobian dominant eigenvalue Im"),
            SRC_REBOUND,
            "|Im| of the dominant eigenvalue of the 5x5 Jacobian [1/day] vs ktr Im z",
            r.ktr * r.z.im,
            dominant.im.abs(),
            1e-6,
        ));
    }
    let at_threshold = rebound(critical_gamma(), 1.0)?;
    records.push(CaseRecord::absolute(SUITE, "FRI-2 stability threshold", SRC_REBOUND, "Re z of the dominant root at gamma_c = tan(pi/8)(1 + tan^2(pi/8))^2 (Hopf point of the baseline)", 0.0, at_threshold.z.re, 1e-12));
    Ok(records)
}

/// FRI-7: PK identities of the Bruno fixture after a 180 mg bolus.
pub(crate) fn pk_identities() -> Result<Vec<CaseRecord>> {
    let pk = PkFixture::bruno_1996("docetaxel");
    let (v1, cl, central) = (pk.v1(), pk.clearance(), pk.central());
    let dose_mg = 180.0;
    let amount = dose_mg / DOCETAXEL_MG_PER_UMOL;
    let model = Model::new(vec![Box::new(pk)])?;
    let times = vec![0.0, 0.5, 2.0, 10.0, 60.0];
    let options = SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-12, 1e-14)
        .output(Output::Times(times.clone()));
    let trajectory = simulate(
        &model,
        (0.0, 60.0),
        &[Event::dose(0.0, central, amount)],
        &options,
    )?;
    let conc = trajectory.column("docetaxel.concentration")?;
    let auc = trajectory.column("docetaxel.auc")?;
    let mut records = vec![
        CaseRecord::relative(
            SUITE,
            "FRI-7 Cmax of a bolus",
            SRC_BRUNO,
            "C(0+) = dose/(MW V1) [uM], 180 mg",
            amount / v1,
            conc[0],
            1e-9,
        ),
        CaseRecord::relative(
            SUITE,
            "FRI-7 AUC(0-inf)",
            SRC_BRUNO,
            "AUC(0-60 d) = dose/(MW CL) [uM*day], 180 mg, CL = k10 V1",
            amount / cl,
            auc[4],
            1e-9,
        ),
    ];
    let mut worst: f64 = 0.0;
    for row in 0..times.len() {
        let state = trajectory.row(row).unwrap_or(&[]);
        let total: f64 = [0, 1, 2, 4]
            .iter()
            .map(|&i| state.get(i).copied().unwrap_or(f64::NAN))
            .sum();
        worst = worst.max(((total - amount) / amount).abs());
    }
    records.push(CaseRecord::absolute(
        SUITE,
        "FRI-7 mass balance",
        SRC_BRUNO,
        "max over t of |A1 + A2 + A3 + eliminated - dose| / dose",
        0.0,
        worst,
        1e-9,
    ));
    Ok(records)
}

/// FRI-8: the Quartino baseline (progenitors kcirc Circ0/ktr, G = GCSF0) and its equilibrium.
pub(crate) fn quartino_baseline() -> Result<Vec<CaseRecord>> {
    let params = QuartinoParams::docetaxel_2014();
    let chain = Quartino::new("anc", params)?.with_drug(
        "docetaxel.concentration",
        QuartinoParams::docetaxel_slope_2014(),
    )?;
    let mut y = [0.0; 7];
    chain.init(&mut y);
    let mut dy = [0.0; 7];
    chain.rhs(0.0, &y, &[0.0], &mut dy);
    let scale = params.kin();
    let residual = dy.iter().fold(0.0f64, |m, d| m.max(d.abs())) / scale;
    Ok(vec![
        CaseRecord::relative(
            SUITE,
            "FRI-8 Quartino baseline progenitors",
            SRC_QUARTINO,
            "Prol = Transit_i = kcirc Circ0/ktr [1e9/L] (not Circ0)",
            9.2979,
            y[0],
            1e-4,
        ),
        CaseRecord::relative(
            SUITE,
            "FRI-8 Quartino baseline G-CSF",
            SRC_QUARTINO,
            "G at baseline with kin = (ke + kANC Circ0) GCSF0 (not the 24.99 of the coded bug)",
            24.3,
            y[6],
            1e-12,
        ),
        CaseRecord::absolute(
            SUITE,
            "FRI-8 Quartino baseline equilibrium",
            SRC_QUARTINO,
            "max |d state/dt| / kin at the analytic baseline",
            0.0,
            residual,
            1e-12,
        ),
    ])
}
