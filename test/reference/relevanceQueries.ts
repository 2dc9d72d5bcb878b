/**
 * The practice search's relevance set: problems as owners put them (written for this test, not taken
 * from the practice texts; relevance.test.ts checks that) and the practices a person would expect
 * among the first three. A query is a hit when at least one expected practice is in the top three.
 */
export interface RelevanceCase {
  query: string;
  industry?: string;
  expected: readonly string[];
}

export const RELEVANCE_CASES: readonly RelevanceCase[] = [
  { query: "customer loyalty", expected: ["subscription-loyalty"] },
  { query: "build customer loyalty with a subscription", expected: ["subscription-loyalty"] },
  {
    query: "customers do not come back",
    expected: ["subscription-loyalty", "customer-success-onboarding"],
  },
  { query: "our regulars stopped visiting", expected: ["subscription-loyalty"] },
  {
    query: "how do I reduce churn",
    expected: ["subscription-loyalty", "customer-success-onboarding"],
  },
  {
    query: "patients miss their appointments",
    expected: ["clinic-hospitality-crm", "overbooking-buffer"],
  },
  {
    query: "people book and never show up",
    expected: ["overbooking-buffer", "clinic-hospitality-crm"],
  },
  { query: "no shows at the salon", expected: ["overbooking-buffer", "clinic-hospitality-crm"] },
  { query: "staff quit after a few months", expected: ["stay-interviews"] },
  { query: "high employee turnover", expected: ["stay-interviews"] },
  { query: "we can't keep our best people", expected: ["stay-interviews"] },
  { query: "we keep running out of stock", expected: ["cross-docking", "planogram-discipline"] },
  {
    query: "popular products are always sold out",
    expected: ["planogram-discipline", "cross-docking"],
  },
  { query: "stock-outs every week", expected: ["cross-docking", "planogram-discipline"] },
  { query: "clients paying invoices late", expected: ["fraud-style-credit-scoring"] },
  { query: "debtors days too high", expected: ["fraud-style-credit-scoring"] },
  { query: "reduce DSO", expected: ["fraud-style-credit-scoring"] },
  { query: "lunchtime rush queues", expected: ["drive-through-throughput", "triage-queue"] },
  {
    query: "customers wait too long to be served",
    expected: ["drive-through-throughput", "triage-queue", "queue-experience-design"],
  },
  { query: "not sure we can pay suppliers next month", expected: ["cash-flow-forecast"] },
  { query: "cash flow problems", expected: ["cash-flow-forecast", "fraud-style-credit-scoring"] },
  { query: "we sell a lot but make little profit", expected: ["menu-engineering"] },
  { query: "which dishes on the menu lose money", expected: ["menu-engineering"] },
  { query: "same errors over and over", expected: ["andon-stop"] },
  { query: "too many defects", expected: ["andon-stop", "lean-flow-automation"] },
  { query: "our oven broke down during the busiest week", expected: ["predictive-maintenance"] },
  { query: "equipment downtime", expected: ["predictive-maintenance"] },
  { query: "setting up the machine for a new job takes hours", expected: ["smed-changeover"] },
  { query: "orders sit waiting between production steps", expected: ["lean-flow-automation"] },
  { query: "delivering small orders costs too much", expected: ["route-density"] },
  { query: "people buy on Amazon instead of in our shop", expected: ["local-delivery-curbside"] },
  {
    query: "phones ring all day with the same questions",
    expected: ["self-service-knowledge-base"],
  },
  { query: "get customers to spend more each visit", expected: ["personalised-recommendations"] },
  { query: "prospects are reluctant to try us", expected: ["free-trial-conversion"] },
  { query: "service depends on which employee is working", expected: ["room-turnover-checklist"] },
  { query: "angry customers after a mistake", expected: ["service-recovery-empowerment"] },
  { query: "handling complaints", expected: ["service-recovery-empowerment"] },
  { query: "tuesdays are dead", expected: ["yield-management-packages", "dynamic-slotting"] },
  { query: "empty rooms in winter", expected: ["yield-management-packages"] },
  {
    query: "busy at peak but empty in the afternoon",
    expected: ["dynamic-slotting", "yield-management-packages"],
  },
  { query: "big mistakes on complicated jobs", expected: ["surgical-checklist"] },
  { query: "blanket discounts hurt our margin", expected: ["loyalty-data-promotions"] },
  { query: "projects cost more than we quoted", expected: ["open-book-estimating"] },
  { query: "crews turn up and the site isn't ready", expected: ["last-planner"] },
  { query: "gym members give up after a few weeks", expected: ["gamified-progress"] },
  { query: "people complain about the waiting room", expected: ["queue-experience-design"] },
  { query: "hardly any google reviews", expected: ["marketplace-reviews"] },
  { query: "visitors leave the website without booking", expected: ["ab-tested-checkout"] },
  { query: "lots of items sent back", expected: ["returns-root-cause"] },
  { query: "when someone is off sick nothing gets done", expected: ["cross-training"] },
  { query: "new clients cancel in the first weeks", expected: ["customer-success-onboarding"] },
  { query: "new features take ages to ship", expected: ["continuous-deployment-small-batches"] },
  { query: "diners don't return", industry: "Restaurant", expected: ["subscription-loyalty"] },
  {
    query: "lots of patients skip their visits",
    industry: "clinic",
    expected: ["clinic-hospitality-crm", "overbooking-buffer"],
  },
];
