/**
 * The metric catalogue and the industries of the bundled library. Percentages are fractions
 * (0.35 = 35 %), as Excel stores them, so a cell formatted as % shows them correctly.
 */
import { MetricDefinition } from "./model";

export const METRIC_CATALOGUE: readonly MetricDefinition[] = [
  { id: "csat", name: "Customer satisfaction", unit: "%", direction: "higher", category: "customer service", definition: "Share of surveyed customers rating 4 or 5 out of 5 = satisfied responses / all responses." },
  { id: "nps", name: "Net Promoter Score", unit: "score", direction: "higher", category: "customer service", definition: "% promoters (9-10) minus % detractors (0-6) on the 0-10 recommend question, -100 to 100." },
  { id: "first_contact_resolution", name: "First contact resolution", unit: "%", direction: "higher", category: "customer service", definition: "Enquiries solved in the first contact / all enquiries." },
  { id: "response_time", name: "Average response time", unit: "hours", direction: "lower", category: "customer service", definition: "Mean hours from a customer's enquiry to the first human reply." },
  { id: "retention", name: "Customer retention rate", unit: "%", direction: "higher", category: "customer service", definition: "(Customers at period end - new customers) / customers at period start." },
  { id: "on_time_delivery", name: "On-time delivery rate", unit: "%", direction: "higher", category: "delivery/logistics", definition: "Orders delivered by the promised date / all orders delivered." },
  { id: "fulfilment_cycle", name: "Order fulfilment cycle time", unit: "days", direction: "lower", category: "delivery/logistics", definition: "Mean days from order received to order delivered." },
  { id: "inventory_turnover", name: "Inventory turnover", unit: "ratio", direction: "higher", category: "delivery/logistics", definition: "Cost of goods sold / average inventory at cost, per year." },
  { id: "stockout_rate", name: "Stockout rate", unit: "%", direction: "lower", category: "delivery/logistics", definition: "Order lines not fillable from stock / all order lines." },
  { id: "first_pass_yield", name: "First pass yield", unit: "%", direction: "higher", category: "operations/quality", definition: "Units (or jobs) right first time without rework / units started." },
  { id: "defect_rate", name: "Defect rate", unit: "%", direction: "lower", category: "operations/quality", definition: "Defective units found (in house or by customers) / units produced." },
  { id: "capacity_utilisation", name: "Capacity utilisation", unit: "%", direction: "higher", category: "operations/quality", definition: "Productive hours used / productive hours available." },
  { id: "return_rate", name: "Return rate", unit: "%", direction: "lower", category: "operations/quality", definition: "Units returned or jobs redone / units sold or jobs completed." },
  { id: "gross_margin", name: "Gross margin", unit: "%", direction: "higher", category: "finance", definition: "(Revenue - cost of goods sold) / revenue." },
  { id: "net_margin", name: "Net profit margin", unit: "%", direction: "higher", category: "finance", definition: "Net profit after tax / revenue." },
  { id: "dso", name: "Days sales outstanding", unit: "days", direction: "lower", category: "finance", definition: "Trade receivables / revenue x 365." },
  { id: "revenue_per_employee", name: "Revenue per employee", unit: "currency per unit", direction: "higher", category: "finance", definition: "Annual revenue / average full-time-equivalent employees." },
  { id: "current_ratio", name: "Current ratio", unit: "ratio", direction: "higher", category: "finance", definition: "Current assets / current liabilities." },
  { id: "employee_turnover", name: "Employee turnover", unit: "%", direction: "lower", category: "workforce", definition: "Leavers in the year / average headcount." },
  { id: "absenteeism", name: "Absenteeism rate", unit: "%", direction: "lower", category: "workforce", definition: "Unplanned absence days / scheduled working days." },
  { id: "training_hours", name: "Training hours per employee", unit: "hours", direction: "higher", category: "workforce", definition: "Formal training hours in the year / average headcount." },
  { id: "cac", name: "Customer acquisition cost", unit: "currency per unit", direction: "lower", category: "digital/marketing", definition: "Sales and marketing spend / new customers won." },
  { id: "conversion_rate", name: "Website conversion rate", unit: "%", direction: "higher", category: "digital/marketing", definition: "Online sessions ending in a purchase or booking / all sessions." },
  { id: "repeat_purchase", name: "Repeat purchase rate", unit: "%", direction: "higher", category: "digital/marketing", definition: "Customers buying twice or more in the year / all customers." },
  { id: "no_show_rate", name: "Appointment no-show rate", unit: "%", direction: "lower", category: "patient or guest experience", definition: "Booked appointments or reservations not attended / all bookings." },
  { id: "review_rating", name: "Online review rating", unit: "score", direction: "higher", category: "patient or guest experience", definition: "Mean public review stars (1-5) over the last 12 months." },
];

export interface IndustryDefinition {
  id: string;
  name: string;
  /** NAICS 2022 code (public classification), for matching users' own sources. */
  naics: string;
}

export const BUNDLED_INDUSTRIES: readonly IndustryDefinition[] = [
  { id: "retail", name: "Retail", naics: "44-45" },
  { id: "restaurants", name: "Restaurants", naics: "722" },
  { id: "manufacturing", name: "Manufacturing", naics: "31-33" },
  { id: "healthcare_clinics", name: "Healthcare clinics", naics: "6211" },
  { id: "hospitality", name: "Hospitality", naics: "721" },
  { id: "ecommerce", name: "E-commerce", naics: "455/4541" },
  { id: "software", name: "Software and SaaS", naics: "5132" },
  { id: "automotive", name: "Automotive", naics: "3361" },
  { id: "logistics", name: "Logistics and transport", naics: "48-49" },
  { id: "construction", name: "Construction", naics: "23" },
  { id: "professional_services", name: "Professional services", naics: "54" },
  { id: "education", name: "Education and training", naics: "61" },
  { id: "fitness", name: "Fitness and wellness", naics: "713940" },
  { id: "financial_services", name: "Financial services", naics: "52" },
];
