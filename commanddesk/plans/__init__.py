"""Response plans (应急预案) as data: loading, matching, search and diff. No Qt."""
