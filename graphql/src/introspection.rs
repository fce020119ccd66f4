//! Introspection requests: recognised, bounded, and answered under their own
//! limits.
//!
//! The standard introspection query (graphql-js's `getIntrospectionQuery()`,
//! sent by GraphiQL, codegen, Apollo and Postman) nests `ofType` nine levels
//! deep, past the depth limit meant for data queries. A document whose
//! operation selects only `__schema`, `__type` and `__typename` runs on a
//! schema with a depth limit that fits it. Any operation is answered only if
//! the list fields under its introspection fields (`fields`, `inputFields`,
//! `interfaces`, `possibleTypes`) nest fewer than [`MAX_LIST_NESTING`]
//! levels (as graphql-js's `MaxIntrospectionDepthRule`): deeper nesting
//! multiplies the answer by the schema's size at every level, the classic
//! introspection amplification.

use async_graphql::parser::types::{
    ExecutableDocument, OperationDefinition, Selection, SelectionSet,
};
use std::collections::HashSet;

/// Depth allowed to an introspection-only operation: the standard query
/// needs 15 (`__schema types fields args type` and nine `ofType`).
pub const DEPTH: usize = 24;

/// Nesting of introspection list fields from which a query is refused.
pub const MAX_LIST_NESTING: usize = 3;

/// Introspection fields that return lists of types or fields.
const LIST_FIELDS: &[&str] = &["fields", "inputFields", "interfaces", "possibleTypes"];

/// The operation a request runs: the named one, or the only one.
fn operation<'a>(
    doc: &'a ExecutableDocument,
    name: Option<&str>,
) -> Option<&'a OperationDefinition> {
    let mut ops = doc.operations.iter();
    match name {
        Some(n) => ops
            .find(|(on, _)| on.map(|x| x.as_str()) == Some(n))
            .map(|(_, op)| &op.node),
        None => {
            let first = ops.next()?;
            ops.next().is_none().then_some(&first.1.node)
        }
    }
}

/// Whether the operation `name` of `doc` selects nothing but introspection
/// (`__schema`, `__type`, `__typename`) at its root.
pub fn is_introspection_only(doc: &ExecutableDocument, name: Option<&str>) -> bool {
    match operation(doc, name) {
        Some(op) => root_is_introspection(doc, &op.selection_set.node, &mut HashSet::new()),
        None => false,
    }
}

fn root_is_introspection<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    seen: &mut HashSet<&'a str>,
) -> bool {
    set.items.iter().all(|s| match &s.node {
        Selection::Field(f) => f.node.name.node.starts_with("__"),
        Selection::InlineFragment(i) => {
            root_is_introspection(doc, &i.node.selection_set.node, seen)
        }
        Selection::FragmentSpread(sp) => {
            let name = sp.node.fragment_name.node.as_str();
            if !seen.insert(name) {
                return true;
            }
            match doc.fragments.get(&sp.node.fragment_name.node) {
                Some(f) => root_is_introspection(doc, &f.node.selection_set.node, seen),
                // An unknown fragment: validation refuses the document.
                None => true,
            }
        }
    })
}

/// Refuses the operation when introspection list fields nest
/// [`MAX_LIST_NESTING`] levels or deeper (fragments followed, each once
/// per path, so a cycle ends).
pub fn check_list_nesting(doc: &ExecutableDocument, name: Option<&str>) -> Result<(), String> {
    let Some(op) = operation(doc, name) else {
        return Ok(());
    };
    if nests_too_deep(doc, &op.selection_set.node, None, &mut Vec::new()) {
        Err(format!(
            "introspection list fields ({}) nest {MAX_LIST_NESTING} or more levels deep",
            LIST_FIELDS.join(", ")
        ))
    } else {
        Ok(())
    }
}

/// Whether list fields nest too deep under an introspection field of `set`;
/// `depth` is None outside `__schema` / `__type`, else the lists above.
fn nests_too_deep<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    depth: Option<usize>,
    path: &mut Vec<&'a str>,
) -> bool {
    set.items.iter().any(|s| match &s.node {
        Selection::Field(f) => {
            let name = f.node.name.node.as_str();
            let d = match depth {
                Some(d) => Some(d + usize::from(LIST_FIELDS.contains(&name))),
                None if name == "__schema" || name == "__type" => Some(0),
                None => None,
            };
            d.is_some_and(|d| d >= MAX_LIST_NESTING)
                || nests_too_deep(doc, &f.node.selection_set.node, d, path)
        }
        Selection::InlineFragment(i) => {
            nests_too_deep(doc, &i.node.selection_set.node, depth, path)
        }
        Selection::FragmentSpread(sp) => {
            let name = sp.node.fragment_name.node.as_str();
            if path.contains(&name) {
                return false;
            }
            let Some(f) = doc.fragments.get(&sp.node.fragment_name.node) else {
                return false;
            };
            path.push(name);
            let deep = nests_too_deep(doc, &f.node.selection_set.node, depth, path);
            path.pop();
            deep
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    fn doc(q: &str) -> ExecutableDocument {
        parse_query(q).expect("parses")
    }

    #[test]
    fn recognises_introspection_only_operations() {
        let only = [
            "{ __schema { types { name } } }",
            "{ __typename __type(name: \"Query\") { name } }",
            "query A { ...F } fragment F on Query { __schema { queryType { name } } }",
            "query A { ... on Query { __typename } }",
        ];
        for q in only {
            assert!(is_introspection_only(&doc(q), None), "{q}");
        }
        let mixed = [
            "{ __schema { types { name } } me { username } }",
            "query A { ...F } fragment F on Query { me { username } }",
            "query A { __typename } query B { me { username } }",
        ];
        for q in mixed {
            assert!(!is_introspection_only(&doc(q), None), "{q}");
        }
        let two = "query A { __typename } query B { me { username } }";
        assert!(is_introspection_only(&doc(two), Some("A")));
        assert!(!is_introspection_only(&doc(two), Some("B")));
        assert!(!is_introspection_only(&doc(two), Some("C")));
    }

    #[test]
    fn refuses_nested_list_fields_even_through_fragments() {
        let fine = "{ __schema { types { fields { type { ofType { ofType { name } } } } } } }";
        assert!(check_list_nesting(&doc(fine), None).is_ok());
        let two = "{ __type(name: \"Query\") { fields { type { fields { name } } } } }";
        assert!(check_list_nesting(&doc(two), None).is_ok());
        let three =
            "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
        assert!(check_list_nesting(&doc(three), None).is_err());
        let hidden = "{ __schema { types { ...A } } }
            fragment A on __Type { fields { type { ...B } } }
            fragment B on __Type { interfaces { fields { name } } }";
        assert!(check_list_nesting(&doc(hidden), None).is_err());
        let cycle = "{ __schema { types { ...A } } } fragment A on __Type { ofType { ...A } }";
        assert!(check_list_nesting(&doc(cycle), None).is_ok());
        // Beside data fields too; data fields of those names don't count.
        let mixed = "{ me { username } __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
        assert!(check_list_nesting(&doc(mixed), None).is_err());
        let data = "{ a { fields { fields { fields { name } } } } }";
        assert!(check_list_nesting(&doc(data), None).is_ok());
    }
}
