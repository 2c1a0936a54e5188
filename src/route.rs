//! Which tab the page shows, read from and written to the URL fragment (`#/budget`).
//!
//! The fragment works on any static host, under any subpath, and never reaches a server;
//! each tab change is a history entry, so back and forward move between tabs.

/// The tabs of the workbench, in the order of the tab bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Budget,
    Alerts,
    Capacity,
    Toil,
    Incidents,
    Scenarios,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Budget,
        Tab::Alerts,
        Tab::Capacity,
        Tab::Toil,
        Tab::Incidents,
        Tab::Scenarios,
    ];

    /// The tab's name in the URL fragment.
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Budget => "budget",
            Tab::Alerts => "alerts",
            Tab::Capacity => "capacity",
            Tab::Toil => "toil",
            Tab::Incidents => "incidents",
            Tab::Scenarios => "scenarios",
        }
    }

    /// The tab's label in the tab bar.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Budget => "Budget",
            Tab::Alerts => "Alerts",
            Tab::Capacity => "Capacity",
            Tab::Toil => "Toil",
            Tab::Incidents => "Incidents",
            Tab::Scenarios => "Scenarios",
        }
    }

    /// The fragment that opens this tab, `#/budget`.
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// Reads a fragment such as `#/alerts` (with or without `#` and `/`, any letter case, and
    /// ignoring anything after `?`). An empty fragment is the Budget tab; an unknown one is
    /// `None`, so the page can say the link names no tab.
    pub fn from_hash(hash: &str) -> Option<Tab> {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let slug = path.split(['?', '/']).next().unwrap_or("");
        if slug.is_empty() {
            return Some(Tab::Budget);
        }
        Tab::ALL
            .into_iter()
            .find(|tab| tab.slug().eq_ignore_ascii_case(slug))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fragments() {
        let cases: &[(&str, Option<Tab>)] = &[
            ("", Some(Tab::Budget)),
            ("#", Some(Tab::Budget)),
            ("#/", Some(Tab::Budget)),
            ("#/budget", Some(Tab::Budget)),
            ("#/alerts", Some(Tab::Alerts)),
            ("#alerts", Some(Tab::Alerts)),
            ("#/Capacity", Some(Tab::Capacity)),
            ("#/toil?x=1", Some(Tab::Toil)),
            ("#/incidents", Some(Tab::Incidents)),
            ("#/INCIDENTS/INC-20261204-031500", Some(Tab::Incidents)),
            ("#/incident", None),
            ("#/scenarios/abc", Some(Tab::Scenarios)),
            ("#/nope", None),
            ("#/<script>", None),
        ];
        for (hash, expected) in cases {
            assert_eq!(Tab::from_hash(hash), *expected, "{hash:?}");
        }
    }

    #[test]
    fn tabs_are_in_the_order_of_the_tab_bar() {
        let slugs: Vec<&str> = Tab::ALL.iter().map(|t| t.slug()).collect();
        assert_eq!(
            slugs,
            [
                "budget",
                "alerts",
                "capacity",
                "toil",
                "incidents",
                "scenarios"
            ]
        );
    }

    #[test]
    fn every_tab_round_trips_through_its_href() {
        for tab in Tab::ALL {
            assert_eq!(Tab::from_hash(&tab.href()), Some(tab));
        }
    }
}
