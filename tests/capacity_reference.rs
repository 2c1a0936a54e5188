//! Reference tests on real series (the Numenta Anomaly Benchmark files in tests/data/nab/, MIT
//! licensed): every figure Headroom computes must match an independent computation to 1e-9
//! relative. The expected values were printed by tests/data/nab/reference.py (numpy 2.4.6,
//! scipy 1.17.1, pandas 3.1.1): numpy.polyfit for the linear and log-linear fits, residuals
//! and R² by hand, scipy.stats.t.ppf(0.975, dof) for the interval, numpy.linalg.lstsq with
//! one indicator column per hour bucket (and x0ᵀ(XᵀX)⁻¹x0 for its interval) for the seasonal
//! model, pandas groupby (quantile 0.95, std with n − 1) and numpy.percentile(means, 75) for the
//! patterns, scipy.optimize.brentq for crossings, and a port of Prometheus' linearRegression
//! (promql/functions.go) for predict_linear. Crossings are found to the minute, so they are
//! compared within two minutes.
#![cfg(not(target_arch = "wasm32"))]

use headroom::calc::capacity::forecast::{self, Crossing, Fit, ModelKind, Plan};
use headroom::calc::capacity::patterns::{self, GroupStats};
use headroom::calc::capacity::series::{Series, MS_PER_DAY};
use headroom::formats::metrics;

/// Expected values for one series.
struct Reference {
    /// slope per day, intercept, R², residual SD, t quantile, value / lower / upper 90 days
    /// after the last sample.
    linear: [f64; 8],
    /// On ln(value): slope, intercept, R², residual SD; then value / lower / upper at 90 days.
    exponential: [f64; 7],
    seasonal_weekly: bool,
    /// slope, R², residual SD, value / lower / upper at 90 days.
    seasonal: [f64; 6],
    train_len: usize,
    /// MAE and RMSE of linear, exponential, seasonal on the last 20%.
    backtest: [f64; 6],
    /// predict_linear: slope per second (deriv) and the value 7 days after the last sample.
    prometheus: [f64; 2],
    max_trend_and_upper: [f64; 2],
    peak_threshold: f64,
    peak_hours: &'static [usize],
    /// Trend and upper bound reaching 18000 and 45, within 90 days of the last sample.
    crossing_18000: [Expected; 2],
    crossing_45: [Expected; 2],
    /// (hour, [mean, max, p95, std]).
    by_hour: &'static [(usize, [f64; 4])],
    /// (weekday with Monday 0, [mean, max, p95, std]).
    by_weekday: &'static [(usize, [f64; 4])],
}

enum Expected {
    Already,
    None,
    /// The crossing time in milliseconds since 1970.
    At(f64),
}

// ec2_cpu_utilization_5f5533.csv  n=4032 first=1392388020000 last=1393597320000
const EC2_CPU: Reference = Reference {
    linear: [
        -0.7236598931507053,
        48.1747345002563,
        0.4619498922177063,
        3.157138017805548,
        1.9605528112793982,
        -27.083381679454725,
        -33.70123474396868,
        -20.465528614940766,
    ],
    exponential: [
        -0.0168380428728552,
        3.876730634498363,
        0.480239844504321,
        0.070812372607235,
        8.378196203522743,
        7.222483565549181,
        9.718841308209402,
    ],
    seasonal_weekly: false,
    seasonal: [
        -0.7235974495340316,
        0.46252252402881,
        3.1645006773871267,
        -27.066614607926887,
        -33.718994921958206,
        -20.414234293895568,
    ],
    train_len: 3225,
    backtest: [
        1.9009743082066681,
        2.134531399800968,
        1.9059105350610324,
        2.133688612269376,
        1.9033144664624435,
        2.139959294461409,
    ],
    prometheus: [-8.375693207762822e-06, 32.9803894520538],
    max_trend_and_upper: [38.04600870410875, 44.238812923494365],
    peak_threshold: 43.226035714285715,
    peak_hours: &[15, 16, 17, 18, 20, 21],
    crossing_18000: [Expected::None, Expected::None],
    crossing_45: [Expected::None, Expected::None],
    by_hour: &[
        (
            0,
            [
                43.20745416666667,
                62.056000000000004,
                52.2906,
                4.779621462372862,
            ],
        ),
        (1, [43.051297619047624, 53.23, 51.3518, 4.328480095234877]),
        (2, [43.06177380952381, 54.53, 51.7873, 4.4725862064001936]),
        (3, [43.162749999999996, 56.22, 50.7532, 4.258675044509804]),
        (
            4,
            [
                43.04222619047619,
                54.211999999999996,
                50.5922,
                4.33953993215675,
            ],
        ),
        (5, [43.034666666666666, 53.452, 50.8057, 4.340914877310538]),
        (6, [42.90541666666667, 54.0, 50.1696, 4.263631099040175]),
        (7, [42.821238095238094, 54.828, 50.2002, 4.16514328992485]),
        (8, [42.86170238095239, 53.708, 50.6381, 4.257614910400384]),
        (
            9,
            [
                42.93707142857143,
                53.146,
                49.998799999999996,
                4.046547477280523,
            ],
        ),
        (
            10,
            [
                42.91579761904762,
                54.6,
                50.675000000000004,
                4.302715263810913,
            ],
        ),
        (11, [42.8550119047619, 53.544, 49.4502, 4.124633868691326]),
        (
            12,
            [
                42.777928571428575,
                53.286,
                50.035500000000006,
                4.135972555143875,
            ],
        ),
        (13, [42.96636904761905, 54.918, 50.8159, 4.289520731096809]),
        (
            14,
            [
                43.178869047619045,
                55.153999999999996,
                50.5241,
                4.245898127004989,
            ],
        ),
        (
            15,
            [
                43.51332142857143,
                53.403999999999996,
                51.4513,
                4.245349274080905,
            ],
        ),
        (
            16,
            [
                43.50516666666667,
                54.083999999999996,
                50.8429,
                4.18832700892999,
            ],
        ),
        (
            17,
            [
                43.63944047619048,
                54.536,
                52.09910000000001,
                4.204093482358791,
            ],
        ),
        (18, [43.30938095238095, 56.408, 51.9524, 4.413873500583807]),
        (
            19,
            [
                43.2162380952381,
                55.846000000000004,
                50.819,
                4.312563203026357,
            ],
        ),
        (
            20,
            [
                43.255428571428574,
                54.263999999999996,
                51.1992,
                4.391552544982959,
            ],
        ),
        (
            21,
            [
                43.30580952380952,
                68.092,
                50.591100000000004,
                4.667374249260855,
            ],
        ),
        (22, [42.97396428571429, 54.722, 51.3016, 4.3402807628669855]),
        (23, [43.15059523809524, 53.78, 49.6493, 4.255988370383488]),
    ],
    by_weekday: &[
        (0, [44.52506597222222, 68.092, 51.69, 4.155065025492964]),
        (
            1,
            [
                42.44838888888889,
                55.846000000000004,
                52.13699999999999,
                4.9848929301464455,
            ],
        ),
        (
            2,
            [
                41.44729565972222,
                62.056000000000004,
                49.67750000000001,
                4.085468626909207,
            ],
        ),
        (3, [40.85783333333333, 51.292, 48.1705, 3.3706344380223947]),
        (4, [42.64273263888889, 53.662, 50.0085, 4.02930324386269]),
        (
            5,
            [
                44.94121527777778,
                55.153999999999996,
                51.8335,
                3.618804573529908,
            ],
        ),
        (6, [44.910069444444446, 56.22, 51.772, 3.6362503413178704]),
    ],
};

// elb_request_count_8c0756.csv  n=4032 first=1397088240000 last=1398299940000
const ELB_REQUESTS: Reference = Reference {
    linear: [
        -0.35825118296142344,
        64.35002450164608,
        0.0006561333186939633,
        56.6531380612743,
        1.9605528112793982,
        27.083193979627723,
        -91.63724467789176,
        145.8036326371472,
    ],
    exponential: [
        -0.007523227487032263,
        3.6779035251553527,
        0.0007303933345608193,
        1.127566178426307,
        18.089017936353216,
        1.7030396670933579,
        192.13443833646846,
    ],
    seasonal_weekly: true,
    seasonal: [
        -1.0978429136135532,
        0.16776995930300054,
        52.80540261216924,
        -52.46020660168061,
        -166.83378366328515,
        61.91337045992391,
    ],
    train_len: 3225,
    backtest: [
        44.445202156201404,
        64.58329343716026,
        48.31443628508353,
        72.48942389592236,
        41.81974081748686,
        61.86174441157254,
    ],
    prometheus: [-4.146425728720164e-06, 56.81804216542589],
    max_trend_and_upper: [59.32580044615584, 170.4522701138671],
    peak_threshold: 75.11481501283149,
    peak_hours: &[15, 17, 18, 19, 20, 21],
    crossing_18000: [Expected::None, Expected::None],
    crossing_45: [Expected::Already, Expected::Already],
    by_hour: &[
        (
            0,
            [
                56.89142857142857,
                323.0,
                161.7999999999999,
                54.32812913918116,
            ],
        ),
        (
            1,
            [
                61.55357142857143,
                301.0,
                161.90000000000003,
                53.74900182095811,
            ],
        ),
        (2, [52.660714285714285, 258.0, 140.65, 45.473270474317694]),
        (3, [51.862275449101794, 223.0, 140.7, 45.77905505291833]),
        (
            4,
            [
                50.76047904191617,
                207.0,
                145.19999999999982,
                46.880032688015234,
            ],
        ),
        (
            5,
            [
                47.56287425149701,
                261.0,
                127.39999999999998,
                44.40958662788922,
            ],
        ),
        (6, [42.18452380952381, 207.0, 128.65, 41.71799248259524]),
        (
            7,
            [
                44.287425149700596,
                222.0,
                131.69999999999987,
                44.12033132356659,
            ],
        ),
        (
            8,
            [
                45.05952380952381,
                203.0,
                116.95000000000002,
                40.37766359185674,
            ],
        ),
        (9, [45.36309523809524, 252.0, 127.65, 42.85170440020855]),
        (10, [47.11904761904762, 200.0, 146.65, 44.33390040179232]),
        (11, [45.36746987951807, 255.0, 129.5, 43.47333451859605]),
        (
            12,
            [
                61.25595238095238,
                318.0,
                174.25000000000003,
                57.378353178344156,
            ],
        ),
        (
            13,
            [
                68.57142857142857,
                294.0,
                180.25000000000003,
                56.779073001248406,
            ],
        ),
        (14, [74.51785714285714, 313.0, 188.65, 57.08298122103703]),
        (
            15,
            [
                75.1556886227545,
                284.0,
                191.39999999999998,
                58.06010347075682,
            ],
        ),
        (16, [75.10119047619048, 335.0, 183.3, 63.168592958042304]),
        (
            17,
            [
                94.57142857142857,
                381.0,
                232.60000000000002,
                71.87793806990084,
            ],
        ),
        (
            18,
            [
                76.26190476190476,
                303.0,
                174.90000000000003,
                56.34594152988375,
            ],
        ),
        (
            19,
            [
                85.33928571428571,
                656.0,
                222.60000000000002,
                78.19473850602522,
            ],
        ),
        (20, [91.88690476190476, 369.0, 239.65, 69.07666708283129]),
        (
            21,
            [
                77.63095238095238,
                330.0,
                199.20000000000005,
                61.539000780412515,
            ],
        ),
        (
            22,
            [
                55.464285714285715,
                253.0,
                158.0500000000001,
                53.3823506747183,
            ],
        ),
        (23, [57.43452380952381, 335.0, 166.3, 58.202685276751446]),
    ],
    by_weekday: &[
        (
            0,
            [
                61.42260869565217,
                330.0,
                173.89999999999986,
                57.03954105753247,
            ],
        ),
        (1, [70.64930555555556, 656.0, 185.5, 64.44086145920043]),
        (
            2,
            [
                71.87456445993031,
                369.0,
                182.35000000000002,
                60.157370245350215,
            ],
        ),
        (
            3,
            [
                68.3213058419244,
                335.0,
                175.74999999999966,
                55.009104485174674,
            ],
        ),
        (4, [63.61913043478261, 335.0, 174.0, 56.462956768552374]),
        (5, [50.998263888888886, 381.0, 135.5, 50.697414362742705]),
        (6, [45.88850174216028, 284.0, 136.0, 45.869928860502235]),
    ],
};

// nyc_taxi.csv  n=10320 first=1404172800000 last=1422747000000
const NYC_TAXI: Reference = Reference {
    linear: [
        -2.022976437737553,
        15355.018274230522,
        0.00032738861140202413,
        6938.69597698472,
        1.9601939268549649,
        14738.052606063022,
        1129.5338342743053,
        28346.57137785174,
    ],
    exponential: [
        -0.0005383239525234223,
        9.499771526121354,
        0.002111468391293836,
        0.7264108949718219,
        11334.358148208708,
        2726.8992401571663,
        47111.265696953604,
    ],
    seasonal_weekly: true,
    seasonal: [
        -2.574804907358195,
        0.8718732570699548,
        2504.449063202076,
        24164.00496566057,
        19213.003777818314,
        29115.006153502825,
    ],
    train_len: 8256,
    backtest: [
        5853.901798954212,
        7435.877191112767,
        6030.308097635749,
        7092.541325716341,
        2959.624365561287,
        4462.554684429364,
    ],
    prometheus: [-2.3414079140482172e-05, 14905.959650395225],
    max_trend_and_upper: [14920.120485459402, 28523.945450939063],
    peak_threshold: 18463.62558139535,
    peak_hours: &[18, 19, 20, 21, 22, 23],
    crossing_18000: [Expected::None, Expected::Already],
    crossing_45: [Expected::Already, Expected::Already],
    by_hour: &[
        (
            0,
            [
                14642.144186046511,
                29547.0,
                25847.149999999998,
                6743.171463223021,
            ],
        ),
        (
            1,
            [
                10858.46511627907,
                39197.0,
                23197.099999999995,
                7106.616858424265,
            ],
        ),
        (
            2,
            [
                8010.36511627907,
                26264.0,
                19566.749999999993,
                6231.954314071398,
            ],
        ),
        (3, [5802.430232558139, 23117.0, 14912.4, 4868.045296174911]),
        (
            4,
            [
                4264.090697674418,
                18170.0,
                10758.999999999993,
                2984.2940962356583,
            ],
        ),
        (
            5,
            [
                3583.4720930232556,
                8899.0,
                4863.049999999998,
                1001.4008988869773,
            ],
        ),
        (
            6,
            [7294.988372093023, 13803.0, 12181.85, 3238.2200429378677],
        ),
        (7, [12390.241860465116, 21581.0, 19873.1, 5577.346007868232]),
        (
            8,
            [
                15337.73023255814,
                22609.0,
                21137.749999999996,
                5687.683915150722,
            ],
        ),
        (
            9,
            [16021.172093023255, 21030.0, 20009.6, 3859.0844782074923],
        ),
        (
            10,
            [
                16099.346511627908,
                22683.0,
                18852.999999999996,
                2434.3672590451265,
            ],
        ),
        (
            11,
            [16933.823255813953, 26224.0, 20373.65, 2382.6107845191277],
        ),
        (
            12,
            [
                17812.60930232558,
                26625.0,
                22306.099999999995,
                2376.908118959138,
            ],
        ),
        (
            13,
            [17791.437209302327, 25584.0, 21950.4, 2281.0640729505926],
        ),
        (
            14,
            [
                18429.96046511628,
                24235.0,
                21845.149999999998,
                2010.946116917764,
            ],
        ),
        (
            15,
            [
                17640.93953488372,
                26150.0,
                21160.399999999998,
                2098.1300956883847,
            ],
        ),
        (
            16,
            [15064.479069767442, 22728.0, 18633.3, 1988.769321878437],
        ),
        (
            17,
            [
                18062.43023255814,
                24417.0,
                21560.949999999997,
                2328.066622561274,
            ],
        ),
        (
            18,
            [21859.39534883721, 27598.0, 25430.25, 2786.2591671209016],
        ),
        (
            19,
            [22891.809302325582, 29985.0, 27166.1, 3573.3411905734556],
        ),
        (
            20,
            [21575.93488372093, 27983.0, 26231.3, 3770.5059964073102],
        ),
        (
            21,
            [
                21476.641860465115,
                27804.0,
                26216.399999999998,
                3965.2204296339282,
            ],
        ),
        (
            22,
            [20893.137209302327, 30313.0, 26756.6, 4580.921492202904],
        ),
        (23, [18564.62093023256, 30373.0, 27278.05, 5801.48894906595]),
    ],
    by_weekday: &[
        (
            0,
            [
                13362.086111111112,
                26945.0,
                21996.649999999998,
                6512.412141186998,
            ],
        ),
        (
            1,
            [
                14308.778897849463,
                27598.0,
                23731.899999999998,
                7188.4422791714815,
            ],
        ),
        (
            2,
            [
                15137.87567204301,
                27804.0,
                24508.149999999998,
                7074.665308738314,
            ],
        ),
        (
            3,
            [15343.679435483871, 30236.0, 25309.55, 7179.092445077127],
        ),
        (
            4,
            [15983.970430107527, 28107.0, 26654.55, 7013.832985159506],
        ),
        (
            5,
            [
                17007.264784946237,
                30373.0,
                26245.199999999997,
                6961.205461067805,
            ],
        ),
        (6, [14749.539583333333, 39197.0, 22772.95, 5934.33166121376]),
    ],
};

// nyc_taxi.csv 2014-09-01 00:00:00 n=2688 first=1409529600000 last=1414366200000
const TAXI_SAMPLE: Reference = Reference {
    linear: [
        21.19449586288546,
        15283.212019813962,
        0.002346557625243606,
        7067.345670075842,
        1.9608475744146587,
        18377.166863798095,
        4379.9806928954295,
        32374.35303470076,
    ],
    exponential: [
        0.0016472732417821222,
        9.455492464078771,
        0.001516229119544632,
        0.6836168115815554,
        16251.817687367355,
        4196.588215201985,
        62937.21580465194,
    ],
    seasonal_weekly: true,
    seasonal: [
        8.311575669001906,
        0.9583150866982837,
        1491.7458988830374,
        28428.761068682907,
        25386.3053500935,
        31471.216787272315,
    ],
    train_len: 2150,
    backtest: [
        6095.847531643489,
        7268.474511442701,
        7094.16758764553,
        7954.07611977769,
        1055.5848007653594,
        1325.2549807416788,
    ],
    prometheus: [0.00024530666507969307, 16618.023707178614],
    max_trend_and_upper: [18377.166863798095, 32374.35303470076],
    peak_threshold: 19018.142857142855,
    peak_hours: &[18, 19, 20, 21, 22, 23],
    crossing_18000: [Expected::At(1420604667933.044), Expected::Already],
    crossing_45: [Expected::Already, Expected::Already],
    by_hour: &[
        (
            0,
            [15273.1875, 28093.0, 26390.649999999998, 7096.619820339604],
        ),
        (
            1,
            [
                11253.30357142857,
                25610.0,
                23699.449999999993,
                7374.990762967841,
            ],
        ),
        (
            2,
            [
                8488.482142857143,
                21850.0,
                20207.499999999993,
                6731.623999849807,
            ],
        ),
        (
            3,
            [
                6142.660714285715,
                16584.0,
                15490.399999999994,
                5205.709309535029,
            ],
        ),
        (
            4,
            [
                4449.741071428572,
                12112.0,
                11369.599999999995,
                3101.8610215831495,
            ],
        ),
        (5, [3699.25, 5145.0, 4814.299999999999, 863.6073254741491]),
        (
            6,
            [7772.785714285715, 13037.0, 12456.65, 3239.6295234429895],
        ),
        (7, [13717.17857142857, 21581.0, 20294.55, 5580.30221373841]),
        (8, [16386.491071428572, 22609.0, 21323.95, 5105.80576622751]),
        (9, [16826.428571428572, 20975.0, 19711.7, 3013.226936596143]),
        (10, [17030.01785714286, 21107.0, 18770.2, 1555.618245523102]),
        (
            11,
            [17714.508928571428, 21854.0, 20362.35, 1690.2633836848822],
        ),
        (
            12,
            [18383.491071428572, 22250.0, 21689.05, 1778.898125374273],
        ),
        (13, [18092.0625, 22153.0, 21475.25, 1842.8782388605507]),
        (
            14,
            [
                18858.008928571428,
                23821.0,
                21236.799999999996,
                1546.475501712535,
            ],
        ),
        (
            15,
            [18047.51785714286, 26150.0, 20942.25, 1966.7142351041068],
        ),
        (
            16,
            [15282.4375, 19433.0, 18723.749999999996, 1773.9553747865907],
        ),
        (
            17,
            [18772.8125, 22820.0, 21976.699999999993, 2016.7243779900314],
        ),
        (
            18,
            [22872.75, 26373.0, 25231.149999999998, 1894.894703390386],
        ),
        (
            19,
            [24279.10714285714, 27541.0, 27113.45, 2467.498785954566],
        ),
        (
            20,
            [23384.883928571428, 26811.0, 26455.2, 2711.662774834671],
        ),
        (
            21,
            [22789.598214285714, 27115.0, 26133.85, 3103.9040266224833],
        ),
        (
            22,
            [22019.241071428572, 30313.0, 26881.25, 4210.492901418137],
        ),
        (
            23,
            [19498.54464285714, 30373.0, 27777.05, 5975.156391919709],
        ),
    ],
    by_weekday: &[
        (
            0,
            [
                13773.958333333334,
                24915.0,
                23181.199999999997,
                6621.793196456725,
            ],
        ),
        (1, [14809.809895833334, 25841.0, 24193.3, 7235.140781509156]),
        (2, [15503.6171875, 26273.0, 24957.55, 7228.206790886568]),
        (3, [16147.0546875, 27115.0, 25775.45, 7413.835495665695]),
        (4, [16978.8046875, 27681.0, 26815.4, 7144.950396835635]),
        (
            5,
            [18189.486979166668, 30373.0, 26752.55, 6986.769082999034],
        ),
        (6, [15732.328125, 28093.0, 23987.8, 5953.670594904223]),
    ],
};

fn close(got: f64, want: f64, what: &str) {
    let tolerance = 1e-9 * want.abs().max(1e-300);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got:?}, want {want:?} (relative error {:e})",
        ((got - want) / want).abs()
    );
}

fn read(path: &str) -> Series {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let parsed = metrics::read_all(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    parsed.take(0, path).unwrap().series
}

fn check_stats(got: &Option<GroupStats>, want: &[f64; 4], what: &str) {
    let g = got.as_ref().unwrap_or_else(|| panic!("{what}: no samples"));
    close(g.mean, want[0], &format!("{what} mean"));
    close(g.max, want[1], &format!("{what} max"));
    close(g.p95, want[2], &format!("{what} p95"));
    close(g.std.unwrap(), want[3], &format!("{what} std"));
}

fn check_crossing(got: Option<Crossing>, want: &Expected, rising: bool, what: &str) {
    match (got, want) {
        (Some(Crossing::Already), Expected::Already) => {}
        (Some(Crossing::FlatOrFalling), Expected::None) if !rising => {}
        (Some(Crossing::NotWithinHorizon), Expected::None) if rising => {}
        (Some(Crossing::On { t_ms, days }), Expected::At(at)) => {
            let t = t_ms as f64;
            assert!(t >= *at && t <= at + 120_000.0, "{what}: {t_ms} vs {at}");
            assert!(days >= 0.0, "{what}: {days}");
        }
        (got, _) => panic!("{what}: got {got:?}"),
    }
}

fn check(path: &str, r: &Reference) {
    let series = read(path);
    let samples = series.samples();
    let horizon_end = series.last_ms() + 90 * MS_PER_DAY;

    let Ok(Fit::Linear(line)) = Fit::new(ModelKind::Linear, samples, 0) else {
        panic!("{path}")
    };
    let linear = Fit::Linear(line.clone());
    let (lo, hi) = linear.interval_at(horizon_end);
    let got = [
        line.slope_per_day,
        line.intercept,
        line.r_squared.expect("the series varies"),
        line.residual_sd,
        line.t_quantile,
        linear.value_at(horizon_end),
        lo,
        hi,
    ];
    let names = [
        "slope",
        "intercept",
        "R²",
        "SD",
        "t",
        "value",
        "lower",
        "upper",
    ];
    for ((g, w), n) in got.iter().zip(&r.linear).zip(names) {
        close(*g, *w, &format!("{path} linear {n}"));
    }

    let Ok(Fit::Exponential(log_line)) = Fit::new(ModelKind::Exponential, samples, 0) else {
        panic!("{path}")
    };
    let exponential = Fit::Exponential(log_line.clone());
    let (lo, hi) = exponential.interval_at(horizon_end);
    let got = [
        log_line.slope_per_day,
        log_line.intercept,
        log_line.r_squared.expect("the series varies"),
        log_line.residual_sd,
        exponential.value_at(horizon_end),
        lo,
        hi,
    ];
    for (i, (g, w)) in got.iter().zip(&r.exponential).enumerate() {
        close(*g, *w, &format!("{path} exponential {i}"));
    }

    let Ok(Fit::Seasonal(seasonal)) = Fit::new(ModelKind::Seasonal, samples, 0) else {
        panic!("{path}")
    };
    assert_eq!(
        seasonal.season.buckets() == 168,
        r.seasonal_weekly,
        "{path}"
    );
    let seasonal_fit = Fit::Seasonal(seasonal.clone());
    let (lo, hi) = seasonal_fit.interval_at(horizon_end);
    let got = [
        seasonal.slope_per_day,
        seasonal.r_squared.expect("the series varies"),
        seasonal.residual_sd,
        seasonal_fit.value_at(horizon_end),
        lo,
        hi,
    ];
    for (i, (g, w)) in got.iter().zip(&r.seasonal).enumerate() {
        close(*g, *w, &format!("{path} seasonal {i}"));
    }

    let backtest = forecast::backtest(samples, 0).unwrap();
    assert_eq!(backtest.train_len, r.train_len, "{path}");
    for (i, (kind, errors)) in backtest.rows.iter().enumerate() {
        let errors = errors
            .as_ref()
            .unwrap_or_else(|e| panic!("{path} {kind:?}: {e}"));
        close(
            errors.mae,
            r.backtest[2 * i],
            &format!("{path} {kind:?} MAE"),
        );
        close(
            errors.rmse,
            r.backtest[2 * i + 1],
            &format!("{path} {kind:?} RMSE"),
        );
    }
    let best = (0..3)
        .min_by(|a, b| r.backtest[2 * a].total_cmp(&r.backtest[2 * b]))
        .map(|i| ModelKind::ALL[i]);
    assert_eq!(backtest.best, best, "{path}");

    // Prometheus: deriv() is the slope per second; predict_linear(v[range], 7d) evaluated at the
    // last sample is the line's value 7 days later.
    close(
        line.slope_per_day / 86_400.0,
        r.prometheus[0],
        &format!("{path} deriv"),
    );
    close(
        line.value_at(series.last_ms() + 7 * MS_PER_DAY),
        r.prometheus[1],
        &format!("{path} predict_linear"),
    );

    let plan = |capacity| Plan {
        capacity,
        headroom: 0.2,
        horizon_days: 90,
    };
    let outlook = forecast::outlook(&linear, series.last_ms(), &plan(None));
    close(
        outlook.max_forecast,
        r.max_trend_and_upper[0],
        &format!("{path} max forecast"),
    );
    close(
        outlook.max_upper,
        r.max_trend_and_upper[1],
        &format!("{path} max upper"),
    );
    close(
        outlook.recommended,
        r.max_trend_and_upper[0] * 1.2,
        &format!("{path} recommended"),
    );
    let rising = line.slope_per_day > 0.0;
    for (capacity, expected) in [(18_000.0, &r.crossing_18000), (45.0, &r.crossing_45)] {
        let o = forecast::outlook(&linear, series.last_ms(), &plan(Some(capacity)));
        check_crossing(
            o.trend_reaches_capacity,
            &expected[0],
            rising,
            &format!("{path} trend {capacity}"),
        );
        check_crossing(
            o.upper_reaches_capacity,
            &expected[1],
            rising,
            &format!("{path} upper {capacity}"),
        );
    }

    let p = patterns::patterns(samples, 0);
    for (hour, want) in r.by_hour {
        check_stats(&p.by_hour[*hour], want, &format!("{path} hour {hour}"));
    }
    for (day, want) in r.by_weekday {
        check_stats(&p.by_weekday[*day], want, &format!("{path} weekday {day}"));
    }
    close(
        p.peak_threshold.unwrap(),
        r.peak_threshold,
        &format!("{path} peak threshold"),
    );
    assert_eq!(p.peak_hours, r.peak_hours, "{path}");
}

#[test]
fn ec2_cpu_utilization() {
    check("tests/data/nab/ec2_cpu_utilization_5f5533.csv", &EC2_CPU);
}

#[test]
fn elb_request_count() {
    check("tests/data/nab/elb_request_count_8c0756.csv", &ELB_REQUESTS);
}

#[test]
fn nyc_taxi() {
    check("tests/data/nab/nyc_taxi.csv", &NYC_TAXI);
}

/// The app's built-in sample is nyc_taxi.csv from 2014-09-01 00:00 to 2014-10-26 23:30.
#[test]
fn the_built_in_sample() {
    check("public/capacity-sample.csv", &TAXI_SAMPLE);
}

/// nyc_taxi.csv against a capacity of 30,000: its history is already over it on three nights
/// (counted with awk over the file: 2014-09-06 22:30 and 23:00, 2014-11-02 01:00 and 01:30,
/// 2015-01-01 01:00), while the page said only that the trend never reaches it.
#[test]
fn nyc_taxi_history_already_over_the_capacity_is_told() {
    use headroom::calc::capacity::forecast::{history_over, HistoryOver};
    use headroom::calc::capacity::words::history_over_text;
    let series = read("tests/data/nab/nyc_taxi.csv");
    let over = history_over(&series, 30_000.0);
    assert_eq!(
        over,
        Some(HistoryOver {
            samples: 5,
            of: 10_320,
            days: 3,
            highest_ms: 1_414_890_000_000,
            highest: 39_197.0,
            first_ms: 1_410_042_600_000,
            last_ms: 1_420_074_000_000,
            series_last_ms: 1_422_747_000_000,
        })
    );
    assert_eq!(
        history_over_text(&over.unwrap(), 30_000.0, series.clock()),
        "The history already reaches the capacity, 30,000: 5 of 10,320 samples (0.04845%) are \
         at or above it, on 3 days. The highest, 39,197, was at 2014-11-02 01:00; the last, at \
         2015-01-01 01:00, is 30.9 days before the last sample."
    );
    // Just above the highest value, nothing is over.
    assert_eq!(history_over(&series, 39_197.5), None);
}
