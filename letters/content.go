package letters

import (
	"fmt"
	"slices"
	"sort"

	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// contentMessages maps each content key a rule may require to the catalog
// messages that write it. Keys without an entry are written as one
// statement, from the message "statement.<key>".
var contentMessages = map[string][]string{
	"what_happened":               {"heading.what_happened"},
	"data_involved":               {"heading.data_involved", "data_intro"},
	"date_range":                  {"period", "period.until_discovery", "period.occurred", "period.from", "period.began", "period.ended", "period.discovered"},
	"measures_taken":              {"heading.measures_taken"},
	"steps_for_individual":        {"heading.steps"},
	"contact_point":               {"heading.contact", "contact"},
	"dpo_contact":                 {"dpo"},
	"likely_consequences":         {"consequence.general"},
	"cra_contacts":                {"cra_intro", "cra_line", "cra.fraud_alert", "cra.security_freeze"},
	"ftc_contact":                 {"ftc"},
	"law_enforcement_delay":       {"law_enforcement.delay", "law_enforcement.no_delay"},
	"identity_protection_offer":   {"offer", "offer_no_code"},
	"title_notice_of_data_breach": {"title"},
	"number_of_residents":         {"statement.number_of_residents"},
	"complaint_right":             {"statement.complaint_right", "statement.complaint_authority", "statement.complaint_lead_authority"},
	"state_regulator_contact":     {"statement.state_regulator_contact", "statement.state_regulator_name"},
	"consumer_agencies":           {"consumer_agencies_intro"},
	"free_credit_reports":         {"credit_reports"},
}

// statementKeys are the content keys written as one statement each, and the
// section they belong in.
var statementKeys = map[string]string{
	"complaint_right":         "contact_point",
	"state_regulator_contact": "contact_point",
	"security_freeze_info":    "steps_for_individual",
	"fraud_alert_info":        "steps_for_individual",
	"police_report_right":     "steps_for_individual",
	"review_accounts_advice":  "steps_for_individual",
	"fcra_rights":             "steps_for_individual",
}

// messagesFor returns the catalog messages a content key needs, or nil when
// letters cannot write the key at all.
func messagesFor(key string) []string {
	if m, ok := contentMessages[key]; ok {
		return m
	}
	if _, ok := statementKeys[key]; ok {
		return []string{"statement." + key}
	}
	return nil
}

// MissingContentText checks that every content key the rules require (or
// name as headings or title) can be written in every catalog's language. It
// returns one line per problem, sorted.
func MissingContentText(set *rules.Set, cats locales.Catalogs) []string {
	var out []string
	langs := make([]string, 0, len(cats))
	for l := range cats {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	seen := map[string]bool{}
	for _, j := range set.All() {
		c := j.Content
		keys := slices.Concat(c.Required, c.Headings)
		if c.Title != "" {
			keys = append(keys, c.Title)
		}
		for _, k := range keys {
			msgs := messagesFor(k)
			if msgs == nil {
				p := fmt.Sprintf("%s: %s requires %q, which letters cannot write", j.File, j.ID, k)
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
				continue
			}
			for _, l := range langs {
				for _, m := range msgs {
					p := fmt.Sprintf("content key %q needs message %q in locales/%s.toml", k, m, l)
					if !cats[l].Has(m) && !seen[p] {
						seen[p] = true
						out = append(out, fmt.Sprintf("%s (first used by %s)", p, j.ID))
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}
