//! Which operator answers for a number: the ported numbers first (since
//! 2016 a Kazakh number can move to another operator, keeping its
//! prefix), then the longest number range that matches.

use std::collections::HashMap;

use crate::domain::Msisdn;

pub struct Routes {
    /// E.164 beginnings ("+7701") and the operator's index.
    ranges: Vec<(String, usize)>,
    /// Ported numbers (E.164) and their operator's index.
    ported: HashMap<String, usize>,
}

impl Routes {
    pub fn new(ranges: Vec<(String, usize)>, ported: HashMap<String, usize>) -> Self {
        Self { ranges, ported }
    }

    /// The index of the operator that answers for `msisdn`, if any.
    pub fn operator_of(&self, msisdn: &Msisdn) -> Option<usize> {
        if let Some(i) = self.ported.get(msisdn.as_str()) {
            return Some(*i);
        }
        self.ranges
            .iter()
            .filter(|(prefix, _)| msisdn.as_str().starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, i)| *i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ported_number_goes_to_its_new_operator_and_the_longest_range_wins() {
        let routes = Routes::new(
            vec![
                ("+7701".into(), 0),
                ("+77013".into(), 2),
                ("+7705".into(), 1),
            ],
            HashMap::from([("+77011234567".to_owned(), 1)]),
        );
        let n = |s| Msisdn::parse(s).unwrap();
        assert_eq!(routes.operator_of(&n("+77011234567")), Some(1));
        assert_eq!(routes.operator_of(&n("+77011234568")), Some(0));
        assert_eq!(routes.operator_of(&n("+77013330000")), Some(2));
        assert_eq!(routes.operator_of(&n("+77051234568")), Some(1));
        assert_eq!(routes.operator_of(&n("+77471234569")), None);
    }
}
