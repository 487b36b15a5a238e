// Package agreement checks that the two halves of the project read one catalog
// the same way: every control of internal/controls is used by a lint rule or a
// provider resource, a hardened resource and the lint rules on its aws_*
// equivalents cover the same controls unless a written reason says why not, and
// every alias of a rule is justified. Check is pure; TestCatalogAgreement feeds
// it lint/rules and provider, so neither of those imports the other.
package agreement
