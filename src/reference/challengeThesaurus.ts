/**
 * A small thesaurus of business problems: each group holds phrases owners use for the same problem.
 * A query that contains any phrase of a group is widened with the group's other phrases (at a lower
 * weight than the user's own words), so "staff keep quitting" also looks for "employee turnover".
 */
import { stemSequence } from "./searchTerms";

export const CHALLENGE_THESAURUS: readonly (readonly string[])[] = [
  [
    "retention",
    "loyalty",
    "loyal",
    "come back",
    "don't return",
    "never return",
    "stopped visiting",
    "return visit",
    "churn",
    "regulars",
    "repeat customers",
    "repeat business",
    "lapsed customers",
    "drift away",
    "lose customers",
  ],
  ["no-show", "no show", "miss appointment", "missed booking", "do not turn up", "empty chair"],
  [
    "turnover of staff",
    "employee turnover",
    "staff turnover",
    "quit",
    "resign",
    "attrition",
    "staff leave",
    "employees leave",
    "hiring",
    "recruitment",
  ],
  ["stockout", "stock-out", "run out", "out of stock", "empty shelf", "sold out", "shortage"],
  [
    "late payment",
    "pay late",
    "debtors",
    "DSO",
    "overdue invoices",
    "unpaid invoices",
    "receivables",
    "bad debt",
    "collections",
    "chase payment",
  ],
  [
    "cash flow",
    "cash shortfall",
    "cash runs short",
    "liquidity",
    "overdraft",
    "cash crunch",
    "pay suppliers",
    "pay the bills",
    "make payroll",
  ],
  ["queue", "waiting", "wait time", "long wait", "rush hour", "peak time", "lunchtime"],
  ["defect", "mistake", "error", "rework", "redo", "quality problem", "faulty"],
  ["breakdown", "machine failure", "downtime", "equipment fails", "maintenance"],
  ["delivery", "shipping", "courier", "dispatch", "late orders", "lead time"],
  ["complaint", "angry customers", "bad experience", "unhappy customers", "dissatisfied"],
  ["reviews", "ratings", "stars", "reputation", "word of mouth"],
  ["margin", "profit", "profitability", "thin margin", "discounting"],
  ["absence", "sick days", "absenteeism", "cover for staff", "short staffed", "understaffed"],
  [
    "quiet periods",
    "slow days",
    "dead",
    "midweek",
    "weekdays",
    "off season",
    "off-peak",
    "low season",
    "empty tables",
  ],
  ["upsell", "cross-sell", "spend more", "sell more", "basket size", "average order value"],
  ["returns", "sent back", "brought back", "refunds", "exchanges", "warranty claims"],
  ["online", "website", "web shop", "checkout", "cart abandonment", "conversion"],
  ["overrun", "over budget", "cost overrun", "quote", "estimate", "change orders"],
  ["changeover", "setup time", "switch jobs", "downtime between jobs"],
  ["same questions", "support calls", "enquiries", "faq", "help desk", "customer service load"],
  ["onboarding", "new customers", "first weeks", "getting started"],
  ["trial", "first purchase", "hesitate", "sign up", "prospects", "convert leads"],
  ["drop out", "give up", "stop coming", "motivation"],
];

/** Each phrase as its stem sequence, grouped as above (computed once). */
const STEMMED_GROUPS: readonly (readonly string[][])[] = CHALLENGE_THESAURUS.map((group) =>
  group.map((phrase) => stemSequence(phrase))
);

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let k = 0; k < needle.length; k++) if (haystack[start + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** The phrases of every group the query touches, except the words the query already has. */
export function thesaurusExpansion(query: string): string[] {
  const words = stemSequence(query);
  const expansion: string[] = [];
  CHALLENGE_THESAURUS.forEach((group, g) => {
    if (!STEMMED_GROUPS[g].some((phrase) => containsSequence(words, phrase))) return;
    group.forEach((phrase, p) => {
      if (!containsSequence(words, STEMMED_GROUPS[g][p])) expansion.push(phrase);
    });
  });
  return expansion;
}
