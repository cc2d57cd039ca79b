/*
 * export/html_i18n.c - the report's fixed texts: one table per language
 * (English, French, Dutch, German), every text in every table
 *
 * Texts are HTML and may hold {1} .. {9}, the places of h_say()'s
 * arguments, so each language orders a sentence as its grammar wants.
 * Evidence is never translated: only what ftl itself writes is here, and
 * the words of the case's own vocabulary (channel, confidence, strength,
 * origin, status, data category) that the report shows in the reader's
 * language; a word not in that list is shown as the case holds it.
 * tests/check_export_html.c checks that each table is complete and that
 * each text has the same places as its English original.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "export/html_int.h"

const char *const h_vocabulary[] = {
    "mail-transit",
    "appliance-storage",
    "observed",
    "accessible",
    "unknown",
    "strong",
    "medium",
    "weak",
    "explicit",
    "indicator",
    "contained",
    "last-activity",
    "two-way",
    "one-way",
    "complete",
    "partial",
    "failed",
    "collecting",
    "identity_document",
    "cv",
    "payroll",
    "health",
    "medical",
    "contact",
    "internal_communication",
    "disciplinary",
    "family",
    "trade_union",
    "criminal_record",
};

/* ---- English ---- */

static const char *const en[T_N_TEXTS] = {
    [T_TITLE] = "Forensic timeline report",
    [T_NAV] = "Contents",
    [T_PAGE_OF] = "Page {1} of {2}",
    [T_CASE] = "Case {1}",
    [T_SEC_CASE] = "Case",
    [T_CASE_ID] = "Case id",
    [T_EXAMINER] = "Examiner",
    [T_GENERATED] = "Report generated",
    [T_TOOL] = "Tool",
    [T_SCHEMA] = "Case schema version",
    [T_CASE_FILE] = "Case file",
    [T_CASE_CREATED] = "created",
    [T_CASE_TOOL] = "case made with",
    [T_DISPLAY_ZONE] = "Display time zone",
    [T_FILTER] = "Scope of this report",
    [T_FILTER_NONE] = "the whole case",
    [T_FILTER_PERSONS] = "persons",
    [T_FILTER_FROM] = "events from",
    [T_FILTER_TO] = "events up to",
    [T_SEC_SUMMARY] = "Summary",
    [T_SUM_WHO] =
        "Personal data of {1} people was where the attacker could "
        "read it. For {2} of them it includes special categories of "
        "personal data (GDPR Art. 9), and for {3} an identity document.",
    [T_SUM_NOBODY] =
        "The analysis found no person whose personal data was "
        "where the attacker could read it.",
    [T_SUM_WHAT] =
        "The exposed data make up {1} records (messages or "
        "files, counted for each person and kind of data), of these kinds, "
        "with the number of people concerned:",
    [T_SUM_CAT] = "{1} ({2})",
    [T_SUM_WHEN] =
        "The compromise window runs from {1} to {2}. The first "
        "exposure found is at {3}, the last at {4} (all times UTC).",
    [T_SUM_CASE] =
        "The case holds {1} events from {2} evidence items, "
        "among them {3} messages, {4} documents and {5} persons of the "
        "personnel register; indicators of compromise matched {6} times.",
    [T_SUM_NOT_ANALYSED] =
        "No analysis has been run on this case "
        "(<code>ftl analyze</code>). The window, clocks, exposure and "
        "regulator sections are therefore empty; the evidence and the "
        "timeline below are complete.",
    [T_SUM_PERSON_FILTER] =
        "This report is limited to the persons named in "
        "its scope (see Case).",
    [T_SEC_WINDOW] = "Compromise window",
    [T_WIN_CAPTION] = "The bounds of the window and where each comes from",
    [T_BOUND] = "Bound",
    [T_BOUND_START] = "Start",
    [T_BOUND_END] = "End",
    [T_TIME_UTC] = "Time (UTC, and local)",
    [T_ORIGIN] = "Origin",
    [T_REASON] = "Reason",
    [T_PROOF] = "Events",
    [T_NO_BOUND] = "not determined",
    [T_WARNINGS] = "Warnings",
    [T_WARN_CAPTION] = "Warnings of the analysis",
    [T_KIND] = "Kind",
    [T_MESSAGE] = "Message",
    [T_NO_WARNINGS] = "The analysis recorded no warning.",
    [T_NOT_ANALYSED] =
        "Not analysed: run <code>ftl analyze</code> on the "
        "case.",
    [T_SEC_CLOCKS] = "Clocks",
    [T_CLK_CAPTION] = "Clock offsets found between hosts",
    [T_CLK_HOSTS] = "Hosts",
    [T_CLK_OFFSET] = "Offset (s)",
    [T_CLK_SPREAD] = "Spread (s)",
    [T_CLK_PAIRS] = "Messages",
    [T_CLK_METHOD] = "Method",
    [T_CLK_APPLIED] = "Applied",
    [T_CLK_NOTE] = "Note",
    [T_CLK_NONE] =
        "No message was timed by two clocks: no offset could be "
        "estimated.",
    [T_YES] = "yes",
    [T_NO] = "no",
    [T_CLK_AHEAD] = "{1} ahead of {2}",
    [T_CLK_GROUPS] =
        "{1} messages were followed across sources; {2} "
        "crossed the gateway, {3} of them inside the window; {4} are "
        "flagged by an indicator; {5} have times corrected to the trusted "
        "clock.",
    [T_SEC_EXPOSURE] = "Exposure per person",
    [T_EXP_INTRO] =
        "One group per person, then one row per kind of data "
        "and channel. Each row cites the events that prove it; its id "
        "(<code>#exposure-N</code>) is the row's id in <code>ftl export "
        "csv --table exposures</code>.",
    [T_EXP_CAPTION] =
        "Personal data exposed, per person, kind of data and "
        "channel",
    [T_ROW] = "Row",
    [T_CATEGORY] = "Kind of data",
    [T_CHANNEL] = "Channel and confidence",
    [T_STRENGTH] = "Link",
    [T_FIRST] = "First and last exposure (UTC, local)",
    [T_ITEMS] = "Items",
    [T_EVIDENCE_EV] = "Proof (events)",
    [T_BASIS] = "Basis",
    [T_ART9] = "Art. 9",
    [T_IDDOC] = "identity document",
    [T_EXP_NONE] = "No exposure was found.",
    [T_EXP_PERSON_NONE] = "No exposure was found for {1}.",
    [T_EXP_PERSON_LINE] = "rows: {1}, items: {2}",
    [T_MORE_EVENTS] = " and {1} more",
    [T_CORRECTED] = "clock-corrected",
    [T_SEC_FIGURES] = "Figures for the supervisory authority",
    [T_FIG_INTRO] =
        "The approximate number of data subjects and of "
        "personal data records concerned, per kind of data (GDPR Art. "
        "33(3)(a)), without names. A person counts once per kind of data; "
        "the total counts each person once.",
    [T_FIG_CAPTION] = "Data subjects and records per kind of data",
    [T_FIG_SUBJECTS] = "Data subjects",
    [T_FIG_RECORDS] = "Records",
    [T_FIG_WEAK] = "Of whom only by a weak link",
    [T_FIG_TOTAL] = "All kinds (distinct persons)",
    [T_FIG_NONE] = "No figures: the analysis found no exposure.",
    [T_FIG_AUTHORITY] = "Prepared for: {1}",
    [T_FIG_WHOLE_CASE] =
        "These figures cover the whole case, not only the "
        "persons this report is limited to.",
    [T_SEC_EVIDENCE] = "Evidence",
    [T_EVI_CAPTION] = "Evidence items, with their SHA-256",
    [T_EVI_ID] = "Item",
    [T_EVI_KIND] = "Kind",
    [T_EVI_PATH] = "Name",
    [T_EVI_SIZE] = "Size (bytes)",
    [T_EVI_SHA256] = "SHA-256",
    [T_EVI_COLLECTED] = "Collected (UTC)",
    [T_EVI_PLACES] = "Places seen",
    [T_EVI_STATUS] = "Status",
    [T_EVI_INSIDE] = "inside {1}, at",
    [T_EVI_ALSO] = "also at",
    [T_EVI_TOP] = "given as",
    [T_EVI_COUNTS] = "{1} events, {2} files, {3} warnings",
    [T_UNKNOWN] = "unknown",
    [T_EVI_VERIFIED] = "Last verification (ftl verify #{1}), UTC:",
    [T_EVI_VER_OK] = "every place read again has the SHA-256 recorded",
    [T_EVI_VER_FAILED] = "at least one place read again does NOT have "
        "the SHA-256 recorded",
    [T_EVI_VER_COUNTS] = "{1} places of {2} items: {3} ok, {4} changed, "
        "{5} missing, {6} unreadable.",
    [T_EVI_VER_NONE] = "The evidence has not been read again since it was "
        "collected (ftl verify).",
    [T_SEC_TIMELINE] = "Timeline",
    [T_TL_INTRO] =
        "Every event an indicator matched and every event the "
        "analysis cites are shown; the other events follow in time order, "
        "at most {1} of them.",
    [T_TL_CAPTION] = "Events in time order (UTC, local time below)",
    [T_TL_EVENT] = "Event",
    [T_TL_TIME] = "Time",
    [T_TL_WHAT] = "Source and kind",
    [T_TL_DESC] = "Description",
    [T_TL_WHERE] = "Evidence and place",
    [T_TL_MARKS] = "Marks",
    [T_TL_IOC] = "indicator",
    [T_TL_CITED] = "cited by",
    [T_TL_WINDOW_CITE] = "window",
    [T_TL_LEFT_OUT] =
        "{1} other events between {2} and {3} are not shown "
        "here. <code>ftl export csv -c {4} --from {2} --to {3}</code> "
        "writes them, with every other event of that time.",
    [T_TL_ALL_SHOWN] = "Every event in the report's range is shown.",
    [T_TL_NONE] = "No event in the report's range.",
    [T_TL_DELETED] = "deleted",
    [T_TL_TZ_ASSUMED] = "zone assumed",
    [T_TL_YEAR_EST] = "year estimated",
    [T_TL_IOC_MSG] = "message flagged",
    [T_TL_RAW] = "as written:",
    [T_SEC_CHART] = "Events per day",
    [T_CH_INTRO] =
        "Each bar is one day (UTC). Each source has its own "
        "scale: its busiest bar is full height.",
    [T_CH_BIN] =
        "Each bar is {1} days (UTC). Each source has its own "
        "scale: its busiest bar is full height.",
    [T_CH_WINDOW] = "compromise window",
    [T_CH_DESC] =
        "Events per source from {1} to {2}, bars of {3} days, "
        "with the compromise window hatched.",
    [T_CH_TABLE_CAPTION] = "Events per source",
    [T_CH_SOURCE] = "Source",
    [T_CH_EVENTS] = "Events",
    [T_CH_PEAK] = "Busiest day (events)",
    [T_CH_NONE] = "No event in the report's range.",
    [T_CH_MAX] = "highest bar {1}",
    [T_SEC_METHOD] = "Method and limits",
    [T_ME_INTRO] =
        "How the evidence was read, what was assumed, and what "
        "this report cannot say.",
    [T_ME_COLLECT] = "Collection",
    [T_ME_COLL_CAPTION] = "Collectors, options and the assumptions they made",
    [T_ME_OPTIONS] = "Options",
    [T_ME_ZONE] = "Zone assumed",
    [T_ME_YEAR] = "Year assumed",
    [T_ME_N_TZ] = "Events read in an assumed zone",
    [T_ME_N_YEAR] = "Events with an estimated year",
    [T_ME_N_DST] = "Events at a daylight-saving change",
    [T_ME_ANALYSIS] = "Analysis",
    [T_ME_CLOCKS] =
        "{1} clock offsets were estimated; {2} of them were "
        "applied to the analysis, which corrected the times of {3} "
        "messages. Events keep the times their evidence wrote.",
    [T_ME_CLOCKS_NONE] = "No clock correction was applied.",
    [T_ME_UNREAD] = "What could not be read",
    [T_ME_UNREAD_NONE] =
        "Every evidence item was read to its end without "
        "warning.",
    [T_ME_WARNCOUNTS] = "Warning counts",
    [T_ME_WARN_CAPTION] = "Every warning recorded in the case",
    [T_ME_COLL_WARN] = "collection",
    [T_ME_AN_WARN] = "analysis",
    [T_COUNT] = "Count",
    [T_ME_TIMES] =
        "Times are UTC, written as RFC 3339; the local time "
        "beneath is in {1}. A time read from evidence that gave no zone "
        "was read in the zone named for that item above, and is marked "
        "<em>zone assumed</em>; a time without a year has an estimated "
        "year and is marked so.",
    [T_ME_CAP] =
        "The timeline shows {1} of the {2} events in the report's "
        "range; {3} are left out and named with the command that lists "
        "them.",
    [T_ME_ESCAPE] =
        "Text from evidence is shown as written and never "
        "interpreted: characters that would change how the text around "
        "them is displayed without being seen (bidirectional controls, "
        "zero-width characters) are shown as <code>[U+202E]</code> and the "
        "like, and control characters and bytes that are not UTF-8 as "
        "<code>\\xNN</code>.",
};

static const char *const en_words[] = {
    "mail through the gateway",                   /* mail-transit */
    "stored on the appliance",                    /* appliance-storage */
    "observed",                                   /* observed */
    "accessible",                                 /* accessible */
    "unknown",                                    /* unknown */
    "strong",                                     /* strong */
    "medium",                                     /* medium */
    "weak",                                       /* weak */
    "given by the examiner",                      /* explicit */
    "indicator evidence",                         /* indicator */
    "containment",                                /* contained */
    "last activity seen",                         /* last-activity */
    "two-way (NTP-style)",                        /* two-way */
    "one-way (includes transit)",                 /* one-way */
    "complete",                                   /* complete */
    "partial",                                    /* partial */
    "failed",                                     /* failed */
    "collection interrupted",                     /* collecting */
    "identity document",                          /* identity_document */
    "CV",                                         /* cv */
    "payroll",                                    /* payroll */
    "health",                                     /* health */
    "medical",                                    /* medical */
    "contact data",                               /* contact */
    "internal communication",                     /* internal_communication */
    "disciplinary",                               /* disciplinary */
    "family",                                     /* family */
    "trade union",                                /* trade_union */
    "criminal record",                            /* criminal_record */
};

/* ---- French ---- */

static const char *const fr[T_N_TEXTS] = {
    [T_TITLE] = "Rapport de chronologie forensique",
    [T_NAV] = "Sommaire",
    [T_PAGE_OF] = "Page {1} sur {2}",
    [T_CASE] = "Dossier {1}",
    [T_SEC_CASE] = "Dossier",
    [T_CASE_ID] = "Identifiant du dossier",
    [T_EXAMINER] = "Examinateur",
    [T_GENERATED] = "Rapport établi le",
    [T_TOOL] = "Outil",
    [T_SCHEMA] = "Version du schéma du dossier",
    [T_CASE_FILE] = "Fichier du dossier",
    [T_CASE_CREATED] = "créé le",
    [T_CASE_TOOL] = "dossier créé avec",
    [T_DISPLAY_ZONE] = "Fuseau horaire d'affichage",
    [T_FILTER] = "Portée du rapport",
    [T_FILTER_NONE] = "le dossier entier",
    [T_FILTER_PERSONS] = "personnes",
    [T_FILTER_FROM] = "événements à partir du",
    [T_FILTER_TO] = "événements jusqu'au",
    [T_SEC_SUMMARY] = "Résumé",
    [T_SUM_WHO] =
        "Des données personnelles de {1} personnes se trouvaient "
        "là où l'attaquant pouvait les lire. Pour {2} d'entre elles, il "
        "s'agit aussi de catégories particulières de données (RGPD, "
        "art. 9), et pour {3} d'une pièce d'identité.",
    [T_SUM_NOBODY] =
        "L'analyse n'a trouvé aucune personne dont les "
        "données personnelles se trouvaient là où l'attaquant pouvait "
        "les lire.",
    [T_SUM_WHAT] =
        "Les données exposées représentent {1} "
        "enregistrements (messages ou fichiers, comptés par personne et "
        "par type de données), de ces types, avec le nombre de personnes "
        "concernées :",
    [T_SUM_CAT] = "{1} ({2})",
    [T_SUM_WHEN] =
        "La fenêtre de compromission va du {1} au {2}. La "
        "première exposition constatée date du {3}, la dernière du {4} "
        "(heures UTC).",
    [T_SUM_CASE] =
        "Le dossier contient {1} événements issus de {2} "
        "éléments de preuve, dont {3} messages, {4} documents et {5} "
        "personnes du registre du personnel ; des indicateurs de "
        "compromission ont été trouvés {6} fois.",
    [T_SUM_NOT_ANALYSED] =
        "Aucune analyse n'a été faite sur ce dossier "
        "(<code>ftl analyze</code>). Les sections fenêtre, horloges, "
        "exposition et autorité sont donc vides ; les preuves et la "
        "chronologie ci-dessous sont complètes.",
    [T_SUM_PERSON_FILTER] =
        "Ce rapport est limité aux personnes nommées "
        "dans sa portée (voir Dossier).",
    [T_SEC_WINDOW] = "Fenêtre de compromission",
    [T_WIN_CAPTION] = "Les bornes de la fenêtre et leur origine",
    [T_BOUND] = "Borne",
    [T_BOUND_START] = "Début",
    [T_BOUND_END] = "Fin",
    [T_TIME_UTC] = "Heure (UTC, et locale)",
    [T_ORIGIN] = "Origine",
    [T_REASON] = "Motif",
    [T_PROOF] = "Événements",
    [T_NO_BOUND] = "non déterminée",
    [T_WARNINGS] = "Avertissements",
    [T_WARN_CAPTION] = "Avertissements de l'analyse",
    [T_KIND] = "Type",
    [T_MESSAGE] = "Message",
    [T_NO_WARNINGS] = "L'analyse n'a enregistré aucun avertissement.",
    [T_NOT_ANALYSED] =
        "Non analysé : lancez <code>ftl analyze</code> sur "
        "le dossier.",
    [T_SEC_CLOCKS] = "Horloges",
    [T_CLK_CAPTION] = "Décalages d'horloge constatés entre machines",
    [T_CLK_HOSTS] = "Machines",
    [T_CLK_OFFSET] = "Décalage (s)",
    [T_CLK_SPREAD] = "Dispersion (s)",
    [T_CLK_PAIRS] = "Messages",
    [T_CLK_METHOD] = "Méthode",
    [T_CLK_APPLIED] = "Appliqué",
    [T_CLK_NOTE] = "Remarque",
    [T_CLK_NONE] =
        "Aucun message n'a été horodaté par deux horloges : "
        "aucun décalage n'a pu être estimé.",
    [T_YES] = "oui",
    [T_NO] = "non",
    [T_CLK_AHEAD] = "{1} en avance sur {2}",
    [T_CLK_GROUPS] =
        "{1} messages ont été suivis d'une source à l'autre "
        "; {2} ont traversé la passerelle, dont {3} dans la fenêtre ; "
        "{4} sont signalés par un indicateur ; {5} ont des heures "
        "corrigées selon l'horloge de référence.",
    [T_SEC_EXPOSURE] = "Exposition par personne",
    [T_EXP_INTRO] =
        "Un groupe par personne, puis une ligne par type de "
        "données et canal. Chaque ligne cite les événements qui la "
        "prouvent ; son identifiant (<code>#exposure-N</code>) est celui "
        "de la ligne dans <code>ftl export csv --table exposures</code>.",
    [T_EXP_CAPTION] =
        "Données personnelles exposées, par personne, type "
        "de données et canal",
    [T_ROW] = "Ligne",
    [T_CATEGORY] = "Type de données",
    [T_CHANNEL] = "Canal et certitude",
    [T_STRENGTH] = "Lien",
    [T_FIRST] = "Première et dernière exposition (UTC, locale)",
    [T_ITEMS] = "Éléments",
    [T_EVIDENCE_EV] = "Preuve (événements)",
    [T_BASIS] = "Fondement",
    [T_ART9] = "art. 9",
    [T_IDDOC] = "pièce d'identité",
    [T_EXP_NONE] = "Aucune exposition n'a été constatée.",
    [T_EXP_PERSON_NONE] = "Aucune exposition n'a été constatée pour {1}.",
    [T_EXP_PERSON_LINE] = "lignes : {1}, éléments : {2}",
    [T_MORE_EVENTS] = " et {1} autres",
    [T_CORRECTED] = "heure corrigée",
    [T_SEC_FIGURES] = "Chiffres pour l'autorité de contrôle",
    [T_FIG_INTRO] =
        "Le nombre approximatif de personnes concernées et "
        "d'enregistrements de données à caractère personnel concernés, "
        "par type de données (RGPD, art. 33, par. 3, a), sans noms. Une "
        "personne compte une fois par type de données ; le total compte "
        "chaque personne une fois.",
    [T_FIG_CAPTION] =
        "Personnes concernées et enregistrements par type de "
        "données",
    [T_FIG_SUBJECTS] = "Personnes concernées",
    [T_FIG_RECORDS] = "Enregistrements",
    [T_FIG_WEAK] = "Dont par un lien faible seulement",
    [T_FIG_TOTAL] = "Tous types (personnes distinctes)",
    [T_FIG_NONE] = "Aucun chiffre : l'analyse n'a trouvé aucune exposition.",
    [T_FIG_AUTHORITY] = "Établi pour : {1}",
    [T_FIG_WHOLE_CASE] =
        "Ces chiffres portent sur tout le dossier, pas "
        "seulement sur les personnes auxquelles ce rapport est limité.",
    [T_SEC_EVIDENCE] = "Éléments de preuve",
    [T_EVI_CAPTION] = "Éléments de preuve, avec leur SHA-256",
    [T_EVI_ID] = "Élément",
    [T_EVI_KIND] = "Type",
    [T_EVI_PATH] = "Nom",
    [T_EVI_SIZE] = "Taille (octets)",
    [T_EVI_SHA256] = "SHA-256",
    [T_EVI_COLLECTED] = "Collecté (UTC)",
    [T_EVI_PLACES] = "Emplacements",
    [T_EVI_STATUS] = "État",
    [T_EVI_INSIDE] = "dans {1}, à",
    [T_EVI_ALSO] = "aussi à",
    [T_EVI_TOP] = "fourni sous",
    [T_EVI_COUNTS] = "{1} événements, {2} fichiers, {3} avertissements",
    [T_UNKNOWN] = "inconnue",
    [T_EVI_VERIFIED] = "Dernière vérification (ftl verify n° {1}), UTC :",
    [T_EVI_VER_OK] = "chaque emplacement relu a le SHA-256 enregistré",
    [T_EVI_VER_FAILED] = "au moins un emplacement relu n'a PAS le SHA-256 "
        "enregistré",
    [T_EVI_VER_COUNTS] = "{1} emplacements de {2} éléments : {3} conformes, "
        "{4} modifiés, {5} absents, {6} illisibles.",
    [T_EVI_VER_NONE] = "Les preuves n'ont pas été relues depuis leur "
        "collecte (ftl verify).",
    [T_SEC_TIMELINE] = "Chronologie",
    [T_TL_INTRO] =
        "Tous les événements relevés par un indicateur et "
        "tous ceux que cite l'analyse sont montrés ; les autres suivent "
        "dans l'ordre chronologique, {1} au plus.",
    [T_TL_CAPTION] =
        "Événements dans l'ordre chronologique (UTC, heure "
        "locale en dessous)",
    [T_TL_EVENT] = "Événement",
    [T_TL_TIME] = "Heure",
    [T_TL_WHAT] = "Source et type",
    [T_TL_DESC] = "Description",
    [T_TL_WHERE] = "Preuve et emplacement",
    [T_TL_MARKS] = "Marques",
    [T_TL_IOC] = "indicateur",
    [T_TL_CITED] = "cité par",
    [T_TL_WINDOW_CITE] = "fenêtre",
    [T_TL_LEFT_OUT] =
        "{1} autres événements entre {2} et {3} ne sont pas "
        "montrés ici. <code>ftl export csv -c {4} --from {2} --to "
        "{3}</code> les écrit, avec tous les autres événements de cette "
        "période.",
    [T_TL_ALL_SHOWN] =
        "Tous les événements de la période du rapport "
        "sont montrés.",
    [T_TL_NONE] = "Aucun événement dans la période du rapport.",
    [T_TL_DELETED] = "supprimé",
    [T_TL_TZ_ASSUMED] = "fuseau supposé",
    [T_TL_YEAR_EST] = "année estimée",
    [T_TL_IOC_MSG] = "message signalé",
    [T_TL_RAW] = "tel qu'écrit :",
    [T_SEC_CHART] = "Événements par jour",
    [T_CH_INTRO] =
        "Chaque barre représente un jour (UTC). Chaque source a "
        "sa propre échelle : sa barre la plus haute occupe toute la "
        "hauteur.",
    [T_CH_BIN] =
        "Chaque barre représente {1} jours (UTC). Chaque source a "
        "sa propre échelle : sa barre la plus haute occupe toute la "
        "hauteur.",
    [T_CH_WINDOW] = "fenêtre de compromission",
    [T_CH_DESC] =
        "Événements par source du {1} au {2}, barres de {3} "
        "jours, la fenêtre de compromission hachurée.",
    [T_CH_TABLE_CAPTION] = "Événements par source",
    [T_CH_SOURCE] = "Source",
    [T_CH_EVENTS] = "Événements",
    [T_CH_PEAK] = "Jour le plus chargé (événements)",
    [T_CH_NONE] = "Aucun événement dans la période du rapport.",
    [T_CH_MAX] = "barre max. {1}",
    [T_SEC_METHOD] = "Méthode et limites",
    [T_ME_INTRO] =
        "Comment les preuves ont été lues, ce qui a été "
        "supposé, et ce que ce rapport ne peut pas dire.",
    [T_ME_COLLECT] = "Collecte",
    [T_ME_COLL_CAPTION] = "Collecteurs, options et hypothèses retenues",
    [T_ME_OPTIONS] = "Options",
    [T_ME_ZONE] = "Fuseau supposé",
    [T_ME_YEAR] = "Année supposée",
    [T_ME_N_TZ] = "Événements lus dans un fuseau supposé",
    [T_ME_N_YEAR] = "Événements à l'année estimée",
    [T_ME_N_DST] = "Événements à un changement d'heure",
    [T_ME_ANALYSIS] = "Analyse",
    [T_ME_CLOCKS] =
        "{1} décalages d'horloge ont été estimés ; {2} ont "
        "été appliqués à l'analyse, ce qui a corrigé les heures de "
        "{3} messages. Les événements gardent les heures écrites dans "
        "leur preuve.",
    [T_ME_CLOCKS_NONE] = "Aucune correction d'horloge n'a été appliquée.",
    [T_ME_UNREAD] = "Ce qui n'a pas pu être lu",
    [T_ME_UNREAD_NONE] =
        "Chaque élément de preuve a été lu jusqu'au "
        "bout sans avertissement.",
    [T_ME_WARNCOUNTS] = "Nombre d'avertissements",
    [T_ME_WARN_CAPTION] =
        "Tous les avertissements enregistrés dans le "
        "dossier",
    [T_ME_COLL_WARN] = "collecte",
    [T_ME_AN_WARN] = "analyse",
    [T_COUNT] = "Nombre",
    [T_ME_TIMES] =
        "Les heures sont en UTC, écrites selon la RFC 3339 ; "
        "l'heure locale en dessous est celle de {1}. Une heure lue dans "
        "une preuve sans fuseau a été lue dans le fuseau indiqué pour "
        "cet élément ci-dessus, et porte la marque <em>fuseau "
        "supposé</em> ; une heure sans année a une année estimée et "
        "est marquée ainsi.",
    [T_ME_CAP] =
        "La chronologie montre {1} des {2} événements de la "
        "période du rapport ; {3} sont omis et désignés avec la "
        "commande qui les liste.",
    [T_ME_ESCAPE] =
        "Le texte issu des preuves est montré tel qu'écrit et "
        "jamais interprété : les caractères qui changeraient "
        "l'affichage du texte voisin sans être vus (contrôles "
        "bidirectionnels, caractères de largeur nulle) sont montrés "
        "comme <code>[U+202E]</code> et semblables, et les caractères de "
        "contrôle et les octets qui ne sont pas de l'UTF-8 comme "
        "<code>\\xNN</code>.",
};

static const char *const fr_words[] = {
    "courrier via la passerelle",                 /* mail-transit */
    "stocké sur l'appliance",                     /* appliance-storage */
    "constaté",                                   /* observed */
    "accessible",                                 /* accessible */
    "inconnu",                                    /* unknown */
    "fort",                                       /* strong */
    "moyen",                                      /* medium */
    "faible",                                     /* weak */
    "donnée par l'examinateur",                   /* explicit */
    "trace d'indicateur",                         /* indicator */
    "confinement",                                /* contained */
    "dernière activité vue",                      /* last-activity */
    "bidirectionnelle (type NTP)",                /* two-way */
    "unidirectionnelle (transit inclus)",         /* one-way */
    "complet",                                    /* complete */
    "partiel",                                    /* partial */
    "échec",                                      /* failed */
    "collecte interrompue",                       /* collecting */
    "pièce d'identité",                           /* identity_document */
    "CV",                                         /* cv */
    "paie",                                       /* payroll */
    "santé",                                      /* health */
    "médical",                                    /* medical */
    "coordonnées",                                /* contact */
    "communication interne",                      /* internal_communication */
    "disciplinaire",                              /* disciplinary */
    "famille",                                    /* family */
    "syndicat",                                   /* trade_union */
    "casier judiciaire",                          /* criminal_record */
};

/* ---- Dutch ---- */

static const char *const nl[T_N_TEXTS] = {
    [T_TITLE] = "Forensisch tijdlijnrapport",
    [T_NAV] = "Inhoud",
    [T_PAGE_OF] = "Pagina {1} van {2}",
    [T_CASE] = "Zaak {1}",
    [T_SEC_CASE] = "Zaak",
    [T_CASE_ID] = "Zaaknummer",
    [T_EXAMINER] = "Onderzoeker",
    [T_GENERATED] = "Rapport opgemaakt",
    [T_TOOL] = "Hulpmiddel",
    [T_SCHEMA] = "Schemaversie van de zaak",
    [T_CASE_FILE] = "Zaakbestand",
    [T_CASE_CREATED] = "aangemaakt",
    [T_CASE_TOOL] = "zaak gemaakt met",
    [T_DISPLAY_ZONE] = "Weergavetijdzone",
    [T_FILTER] = "Reikwijdte van dit rapport",
    [T_FILTER_NONE] = "de hele zaak",
    [T_FILTER_PERSONS] = "personen",
    [T_FILTER_FROM] = "gebeurtenissen vanaf",
    [T_FILTER_TO] = "gebeurtenissen tot",
    [T_SEC_SUMMARY] = "Samenvatting",
    [T_SUM_WHO] =
        "Persoonsgegevens van {1} personen bevonden zich waar de "
        "aanvaller ze kon lezen. Voor {2} van hen gaat het ook om "
        "bijzondere categorieën van persoonsgegevens (AVG art. 9), en "
        "voor {3} om een identiteitsdocument.",
    [T_SUM_NOBODY] =
        "De analyse vond geen persoon van wie persoonsgegevens "
        "zich bevonden waar de aanvaller ze kon lezen.",
    [T_SUM_WHAT] =
        "De blootgestelde gegevens vormen {1} records (berichten "
        "of bestanden, geteld per persoon en soort gegevens), van deze "
        "soorten, met het aantal betrokken personen:",
    [T_SUM_CAT] = "{1} ({2})",
    [T_SUM_WHEN] =
        "Het compromitteringsvenster loopt van {1} tot {2}. De "
        "eerste gevonden blootstelling is op {3}, de laatste op {4} (alle "
        "tijden UTC).",
    [T_SUM_CASE] =
        "De zaak bevat {1} gebeurtenissen uit {2} bewijsstukken, "
        "waaronder {3} berichten, {4} documenten en {5} personen uit het "
        "personeelsregister; indicatoren van compromittering kwamen {6} "
        "keer overeen.",
    [T_SUM_NOT_ANALYSED] =
        "Op deze zaak is geen analyse uitgevoerd "
        "(<code>ftl analyze</code>). De onderdelen venster, klokken, "
        "blootstelling en toezichthouder zijn daarom leeg; het bewijs en "
        "de tijdlijn hieronder zijn volledig.",
    [T_SUM_PERSON_FILTER] =
        "Dit rapport is beperkt tot de personen die in "
        "de reikwijdte genoemd zijn (zie Zaak).",
    [T_SEC_WINDOW] = "Compromitteringsvenster",
    [T_WIN_CAPTION] = "De grenzen van het venster en waar elk vandaan komt",
    [T_BOUND] = "Grens",
    [T_BOUND_START] = "Begin",
    [T_BOUND_END] = "Einde",
    [T_TIME_UTC] = "Tijd (UTC, en lokaal)",
    [T_ORIGIN] = "Oorsprong",
    [T_REASON] = "Reden",
    [T_PROOF] = "Gebeurtenissen",
    [T_NO_BOUND] = "niet bepaald",
    [T_WARNINGS] = "Waarschuwingen",
    [T_WARN_CAPTION] = "Waarschuwingen van de analyse",
    [T_KIND] = "Soort",
    [T_MESSAGE] = "Bericht",
    [T_NO_WARNINGS] = "De analyse heeft geen waarschuwing vastgelegd.",
    [T_NOT_ANALYSED] =
        "Niet geanalyseerd: voer <code>ftl analyze</code> "
        "uit op de zaak.",
    [T_SEC_CLOCKS] = "Klokken",
    [T_CLK_CAPTION] = "Klokverschillen tussen systemen",
    [T_CLK_HOSTS] = "Systemen",
    [T_CLK_OFFSET] = "Verschil (s)",
    [T_CLK_SPREAD] = "Spreiding (s)",
    [T_CLK_PAIRS] = "Berichten",
    [T_CLK_METHOD] = "Methode",
    [T_CLK_APPLIED] = "Toegepast",
    [T_CLK_NOTE] = "Opmerking",
    [T_CLK_NONE] =
        "Geen bericht werd door twee klokken getijdstempeld: er "
        "kon geen verschil worden geschat.",
    [T_YES] = "ja",
    [T_NO] = "nee",
    [T_CLK_AHEAD] = "{1} voor op {2}",
    [T_CLK_GROUPS] =
        "{1} berichten werden over de bronnen heen gevolgd; "
        "{2} passeerden de gateway, waarvan {3} binnen het venster; {4} "
        "zijn gemarkeerd door een indicator; bij {5} zijn de tijden "
        "gecorrigeerd naar de referentieklok.",
    [T_SEC_EXPOSURE] = "Blootstelling per persoon",
    [T_EXP_INTRO] =
        "Eén groep per persoon, dan één rij per soort "
        "gegevens en kanaal. Elke rij noemt de gebeurtenissen die haar "
        "bewijzen; haar id (<code>#exposure-N</code>) is die van de rij in "
        "<code>ftl export csv --table exposures</code>.",
    [T_EXP_CAPTION] =
        "Blootgestelde persoonsgegevens, per persoon, soort "
        "gegevens en kanaal",
    [T_ROW] = "Rij",
    [T_CATEGORY] = "Soort gegevens",
    [T_CHANNEL] = "Kanaal en zekerheid",
    [T_STRENGTH] = "Koppeling",
    [T_FIRST] = "Eerste en laatste blootstelling (UTC, lokaal)",
    [T_ITEMS] = "Items",
    [T_EVIDENCE_EV] = "Bewijs (gebeurtenissen)",
    [T_BASIS] = "Grondslag",
    [T_ART9] = "art. 9",
    [T_IDDOC] = "identiteitsdocument",
    [T_EXP_NONE] = "Er werd geen blootstelling gevonden.",
    [T_EXP_PERSON_NONE] = "Voor {1} werd geen blootstelling gevonden.",
    [T_EXP_PERSON_LINE] = "rijen: {1}, items: {2}",
    [T_MORE_EVENTS] = " en {1} meer",
    [T_CORRECTED] = "klok gecorrigeerd",
    [T_SEC_FIGURES] = "Cijfers voor de toezichthoudende autoriteit",
    [T_FIG_INTRO] =
        "Het geschatte aantal betrokkenen en betrokken "
        "persoonsgegevensregisters, per soort gegevens (AVG art. 33, lid "
        "3, a), zonder namen. Een persoon telt één keer per soort "
        "gegevens; het totaal telt elke persoon één keer.",
    [T_FIG_CAPTION] = "Betrokkenen en records per soort gegevens",
    [T_FIG_SUBJECTS] = "Betrokkenen",
    [T_FIG_RECORDS] = "Records",
    [T_FIG_WEAK] = "Waarvan alleen via een zwakke koppeling",
    [T_FIG_TOTAL] = "Alle soorten (verschillende personen)",
    [T_FIG_NONE] = "Geen cijfers: de analyse vond geen blootstelling.",
    [T_FIG_AUTHORITY] = "Opgesteld voor: {1}",
    [T_FIG_WHOLE_CASE] =
        "Deze cijfers gelden voor de hele zaak, niet "
        "alleen voor de personen waartoe dit rapport beperkt is.",
    [T_SEC_EVIDENCE] = "Bewijsstukken",
    [T_EVI_CAPTION] = "Bewijsstukken, met hun SHA-256",
    [T_EVI_ID] = "Stuk",
    [T_EVI_KIND] = "Soort",
    [T_EVI_PATH] = "Naam",
    [T_EVI_SIZE] = "Grootte (bytes)",
    [T_EVI_SHA256] = "SHA-256",
    [T_EVI_COLLECTED] = "Verzameld (UTC)",
    [T_EVI_PLACES] = "Vindplaatsen",
    [T_EVI_STATUS] = "Status",
    [T_EVI_INSIDE] = "in {1}, op",
    [T_EVI_ALSO] = "ook op",
    [T_EVI_TOP] = "opgegeven als",
    [T_EVI_COUNTS] = "{1} gebeurtenissen, {2} bestanden, {3} waarschuwingen",
    [T_UNKNOWN] = "onbekend",
    [T_EVI_VERIFIED] = "Laatste verificatie (ftl verify nr. {1}), UTC:",
    [T_EVI_VER_OK] = "elke opnieuw gelezen vindplaats heeft de vastgelegde "
        "SHA-256",
    [T_EVI_VER_FAILED] = "minstens één opnieuw gelezen vindplaats heeft NIET "
        "de vastgelegde SHA-256",
    [T_EVI_VER_COUNTS] = "{1} vindplaatsen van {2} stukken: {3} in orde, "
        "{4} gewijzigd, {5} ontbrekend, {6} onleesbaar.",
    [T_EVI_VER_NONE] = "De bewijsstukken zijn sinds hun verzameling niet "
        "opnieuw gelezen (ftl verify).",
    [T_SEC_TIMELINE] = "Tijdlijn",
    [T_TL_INTRO] =
        "Elke gebeurtenis waarop een indicator overeenkwam en "
        "elke gebeurtenis die de analyse noemt, wordt getoond; de andere "
        "volgen in tijdsvolgorde, ten hoogste {1}.",
    [T_TL_CAPTION] =
        "Gebeurtenissen in tijdsvolgorde (UTC, lokale tijd "
        "eronder)",
    [T_TL_EVENT] = "Gebeurtenis",
    [T_TL_TIME] = "Tijd",
    [T_TL_WHAT] = "Bron en soort",
    [T_TL_DESC] = "Beschrijving",
    [T_TL_WHERE] = "Bewijsstuk en plaats",
    [T_TL_MARKS] = "Kenmerken",
    [T_TL_IOC] = "indicator",
    [T_TL_CITED] = "genoemd door",
    [T_TL_WINDOW_CITE] = "venster",
    [T_TL_LEFT_OUT] =
        "{1} andere gebeurtenissen tussen {2} en {3} worden "
        "hier niet getoond. <code>ftl export csv -c {4} --from {2} --to "
        "{3}</code> schrijft ze, met elke andere gebeurtenis uit die "
        "periode.",
    [T_TL_ALL_SHOWN] =
        "Elke gebeurtenis binnen de reikwijdte van het "
        "rapport wordt getoond.",
    [T_TL_NONE] = "Geen gebeurtenis binnen de reikwijdte van het rapport.",
    [T_TL_DELETED] = "verwijderd",
    [T_TL_TZ_ASSUMED] = "tijdzone aangenomen",
    [T_TL_YEAR_EST] = "jaar geschat",
    [T_TL_IOC_MSG] = "bericht gemarkeerd",
    [T_TL_RAW] = "zoals geschreven:",
    [T_SEC_CHART] = "Gebeurtenissen per dag",
    [T_CH_INTRO] =
        "Elke balk is één dag (UTC). Elke bron heeft haar "
        "eigen schaal: haar drukste balk heeft de volle hoogte.",
    [T_CH_BIN] =
        "Elke balk is {1} dagen (UTC). Elke bron heeft haar eigen "
        "schaal: haar drukste balk heeft de volle hoogte.",
    [T_CH_WINDOW] = "compromitteringsvenster",
    [T_CH_DESC] =
        "Gebeurtenissen per bron van {1} tot {2}, balken van {3} "
        "dagen, met het compromitteringsvenster gearceerd.",
    [T_CH_TABLE_CAPTION] = "Gebeurtenissen per bron",
    [T_CH_SOURCE] = "Bron",
    [T_CH_EVENTS] = "Gebeurtenissen",
    [T_CH_PEAK] = "Drukste dag (gebeurtenissen)",
    [T_CH_NONE] = "Geen gebeurtenis binnen de reikwijdte van het rapport.",
    [T_CH_MAX] = "hoogste balk {1}",
    [T_SEC_METHOD] = "Methode en beperkingen",
    [T_ME_INTRO] =
        "Hoe het bewijs werd gelezen, wat werd aangenomen en wat "
        "dit rapport niet kan zeggen.",
    [T_ME_COLLECT] = "Verzameling",
    [T_ME_COLL_CAPTION] =
        "Verzamelaars, opties en de aannames die ze "
        "maakten",
    [T_ME_OPTIONS] = "Opties",
    [T_ME_ZONE] = "Aangenomen tijdzone",
    [T_ME_YEAR] = "Aangenomen jaar",
    [T_ME_N_TZ] = "Gebeurtenissen gelezen in een aangenomen tijdzone",
    [T_ME_N_YEAR] = "Gebeurtenissen met een geschat jaar",
    [T_ME_N_DST] = "Gebeurtenissen bij een zomertijdwissel",
    [T_ME_ANALYSIS] = "Analyse",
    [T_ME_CLOCKS] =
        "{1} klokverschillen werden geschat; {2} ervan werden "
        "in de analyse toegepast, wat de tijden van {3} berichten "
        "corrigeerde. Gebeurtenissen behouden de tijden die hun bewijs "
        "schreef.",
    [T_ME_CLOCKS_NONE] = "Er werd geen klokcorrectie toegepast.",
    [T_ME_UNREAD] = "Wat niet gelezen kon worden",
    [T_ME_UNREAD_NONE] =
        "Elk bewijsstuk werd zonder waarschuwing tot het "
        "einde gelezen.",
    [T_ME_WARNCOUNTS] = "Aantallen waarschuwingen",
    [T_ME_WARN_CAPTION] = "Alle waarschuwingen in de zaak",
    [T_ME_COLL_WARN] = "verzameling",
    [T_ME_AN_WARN] = "analyse",
    [T_COUNT] = "Aantal",
    [T_ME_TIMES] =
        "Tijden zijn UTC, geschreven volgens RFC 3339; de lokale "
        "tijd eronder is in {1}. Een tijd uit bewijs zonder tijdzone werd "
        "gelezen in de tijdzone die hierboven voor dat stuk genoemd is, en "
        "is gemarkeerd met <em>tijdzone aangenomen</em>; een tijd zonder "
        "jaar heeft een geschat jaar en is zo gemarkeerd.",
    [T_ME_CAP] =
        "De tijdlijn toont {1} van de {2} gebeurtenissen binnen de "
        "reikwijdte van het rapport; {3} zijn weggelaten en vermeld met "
        "het commando dat ze opsomt.",
    [T_ME_ESCAPE] =
        "Tekst uit bewijs wordt getoond zoals geschreven en "
        "nooit geïnterpreteerd: tekens die de weergave van de tekst "
        "eromheen onzichtbaar zouden veranderen (bidirectionele sturing, "
        "tekens zonder breedte) worden getoond als <code>[U+202E]</code> "
        "en dergelijke, en stuurtekens en bytes die geen UTF-8 zijn als "
        "<code>\\xNN</code>.",
};

static const char *const nl_words[] = {
    "mail via de gateway",                        /* mail-transit */
    "opgeslagen op de appliance",                 /* appliance-storage */
    "waargenomen",                                /* observed */
    "toegankelijk",                               /* accessible */
    "onbekend",                                   /* unknown */
    "sterk",                                      /* strong */
    "middel",                                     /* medium */
    "zwak",                                       /* weak */
    "opgegeven door de onderzoeker",              /* explicit */
    "indicatorspoor",                             /* indicator */
    "inperking",                                  /* contained */
    "laatst geziene activiteit",                  /* last-activity */
    "tweerichtings (zoals NTP)",                  /* two-way */
    "eenrichtings (inclusief doorlooptijd)",      /* one-way */
    "volledig",                                   /* complete */
    "gedeeltelijk",                               /* partial */
    "mislukt",                                    /* failed */
    "verzameling onderbroken",                    /* collecting */
    "identiteitsdocument",                        /* identity_document */
    "cv",                                         /* cv */
    "loon",                                       /* payroll */
    "gezondheid",                                 /* health */
    "medisch",                                    /* medical */
    "contactgegevens",                            /* contact */
    "interne communicatie",                       /* internal_communication */
    "tuchtrechtelijk",                            /* disciplinary */
    "gezin",                                      /* family */
    "vakbond",                                    /* trade_union */
    "strafblad",                                  /* criminal_record */
};

/* ---- German ---- */

static const char *const de[T_N_TEXTS] = {
    [T_TITLE] = "Forensischer Zeitleistenbericht",
    [T_NAV] = "Inhalt",
    [T_PAGE_OF] = "Seite {1} von {2}",
    [T_CASE] = "Fall {1}",
    [T_SEC_CASE] = "Fall",
    [T_CASE_ID] = "Fallkennung",
    [T_EXAMINER] = "Sachverständiger",
    [T_GENERATED] = "Bericht erstellt",
    [T_TOOL] = "Werkzeug",
    [T_SCHEMA] = "Schemaversion des Falls",
    [T_CASE_FILE] = "Falldatei",
    [T_CASE_CREATED] = "angelegt",
    [T_CASE_TOOL] = "Fall erstellt mit",
    [T_DISPLAY_ZONE] = "Anzeigezeitzone",
    [T_FILTER] = "Umfang dieses Berichts",
    [T_FILTER_NONE] = "der gesamte Fall",
    [T_FILTER_PERSONS] = "Personen",
    [T_FILTER_FROM] = "Ereignisse ab",
    [T_FILTER_TO] = "Ereignisse bis",
    [T_SEC_SUMMARY] = "Zusammenfassung",
    [T_SUM_WHO] =
        "Personenbezogene Daten von {1} Personen lagen dort, wo "
        "der Angreifer sie lesen konnte. Bei {2} von ihnen gehören "
        "besondere Kategorien personenbezogener Daten dazu (DSGVO Art. 9), "
        "bei {3} ein Ausweisdokument.",
    [T_SUM_NOBODY] =
        "Die Analyse fand keine Person, deren personenbezogene "
        "Daten dort lagen, wo der Angreifer sie lesen konnte.",
    [T_SUM_WHAT] =
        "Die offengelegten Daten umfassen {1} Datensätze "
        "(Nachrichten oder Dateien, je Person und Datenart gezählt), "
        "dieser Arten, mit der Zahl der betroffenen Personen:",
    [T_SUM_CAT] = "{1} ({2})",
    [T_SUM_WHEN] =
        "Das Kompromittierungsfenster reicht von {1} bis {2}. "
        "Die erste festgestellte Offenlegung liegt bei {3}, die letzte bei "
        "{4} (alle Zeiten UTC).",
    [T_SUM_CASE] =
        "Der Fall enthält {1} Ereignisse aus {2} "
        "Beweisstücken, darunter {3} Nachrichten, {4} Dokumente und {5} "
        "Personen des Personalverzeichnisses; Kompromittierungsindikatoren "
        "trafen {6}-mal zu.",
    [T_SUM_NOT_ANALYSED] =
        "Für diesen Fall wurde keine Analyse "
        "durchgeführt (<code>ftl analyze</code>). Die Abschnitte Fenster, "
        "Uhren, Offenlegung und Aufsichtsbehörde sind daher leer; "
        "Beweismittel und Zeitleiste unten sind vollständig.",
    [T_SUM_PERSON_FILTER] =
        "Dieser Bericht ist auf die in seinem Umfang "
        "genannten Personen beschränkt (siehe Fall).",
    [T_SEC_WINDOW] = "Kompromittierungsfenster",
    [T_WIN_CAPTION] = "Die Grenzen des Fensters und ihre Herkunft",
    [T_BOUND] = "Grenze",
    [T_BOUND_START] = "Beginn",
    [T_BOUND_END] = "Ende",
    [T_TIME_UTC] = "Zeit (UTC und lokal)",
    [T_ORIGIN] = "Herkunft",
    [T_REASON] = "Begründung",
    [T_PROOF] = "Ereignisse",
    [T_NO_BOUND] = "nicht bestimmt",
    [T_WARNINGS] = "Warnungen",
    [T_WARN_CAPTION] = "Warnungen der Analyse",
    [T_KIND] = "Art",
    [T_MESSAGE] = "Meldung",
    [T_NO_WARNINGS] = "Die Analyse hat keine Warnung verzeichnet.",
    [T_NOT_ANALYSED] =
        "Nicht analysiert: <code>ftl analyze</code> auf den "
        "Fall anwenden.",
    [T_SEC_CLOCKS] = "Uhren",
    [T_CLK_CAPTION] = "Zwischen Rechnern festgestellte Uhrabweichungen",
    [T_CLK_HOSTS] = "Rechner",
    [T_CLK_OFFSET] = "Abweichung (s)",
    [T_CLK_SPREAD] = "Streuung (s)",
    [T_CLK_PAIRS] = "Nachrichten",
    [T_CLK_METHOD] = "Methode",
    [T_CLK_APPLIED] = "Angewandt",
    [T_CLK_NOTE] = "Anmerkung",
    [T_CLK_NONE] =
        "Keine Nachricht wurde von zwei Uhren erfasst: keine "
        "Abweichung konnte geschätzt werden.",
    [T_YES] = "ja",
    [T_NO] = "nein",
    [T_CLK_AHEAD] = "{1} geht vor gegenüber {2}",
    [T_CLK_GROUPS] =
        "{1} Nachrichten wurden über die Quellen hinweg "
        "verfolgt; {2} passierten das Gateway, davon {3} im Fenster; {4} "
        "sind durch einen Indikator markiert; bei {5} wurden die Zeiten "
        "auf die Referenzuhr korrigiert.",
    [T_SEC_EXPOSURE] = "Offenlegung je Person",
    [T_EXP_INTRO] =
        "Eine Gruppe je Person, dann eine Zeile je Datenart und "
        "Kanal. Jede Zeile nennt die Ereignisse, die sie belegen; ihre "
        "Kennung (<code>#exposure-N</code>) ist die der Zeile in <code>ftl "
        "export csv --table exposures</code>.",
    [T_EXP_CAPTION] =
        "Offengelegte personenbezogene Daten je Person, "
        "Datenart und Kanal",
    [T_ROW] = "Zeile",
    [T_CATEGORY] = "Datenart",
    [T_CHANNEL] = "Kanal und Gewissheit",
    [T_STRENGTH] = "Zuordnung",
    [T_FIRST] = "Erste und letzte Offenlegung (UTC, lokal)",
    [T_ITEMS] = "Elemente",
    [T_EVIDENCE_EV] = "Beleg (Ereignisse)",
    [T_BASIS] = "Grundlage",
    [T_ART9] = "Art. 9",
    [T_IDDOC] = "Ausweisdokument",
    [T_EXP_NONE] = "Es wurde keine Offenlegung festgestellt.",
    [T_EXP_PERSON_NONE] = "Für {1} wurde keine Offenlegung festgestellt.",
    [T_EXP_PERSON_LINE] = "Zeilen: {1}, Elemente: {2}",
    [T_MORE_EVENTS] = " und {1} weitere",
    [T_CORRECTED] = "Uhr korrigiert",
    [T_SEC_FIGURES] = "Zahlen für die Aufsichtsbehörde",
    [T_FIG_INTRO] =
        "Die ungefähre Zahl der betroffenen Personen und der "
        "betroffenen personenbezogenen Datensätze je Datenart (DSGVO Art. "
        "33 Abs. 3 lit. a), ohne Namen. Eine Person zählt einmal je "
        "Datenart; die Summe zählt jede Person einmal.",
    [T_FIG_CAPTION] = "Betroffene Personen und Datensätze je Datenart",
    [T_FIG_SUBJECTS] = "Betroffene Personen",
    [T_FIG_RECORDS] = "Datensätze",
    [T_FIG_WEAK] = "Davon nur über eine schwache Zuordnung",
    [T_FIG_TOTAL] = "Alle Arten (verschiedene Personen)",
    [T_FIG_NONE] = "Keine Zahlen: Die Analyse fand keine Offenlegung.",
    [T_FIG_AUTHORITY] = "Erstellt für: {1}",
    [T_FIG_WHOLE_CASE] =
        "Diese Zahlen gelten für den ganzen Fall, nicht "
        "nur für die Personen, auf die dieser Bericht beschränkt ist.",
    [T_SEC_EVIDENCE] = "Beweismittel",
    [T_EVI_CAPTION] = "Beweisstücke mit ihrem SHA-256",
    [T_EVI_ID] = "Stück",
    [T_EVI_KIND] = "Art",
    [T_EVI_PATH] = "Name",
    [T_EVI_SIZE] = "Größe (Bytes)",
    [T_EVI_SHA256] = "SHA-256",
    [T_EVI_COLLECTED] = "Erfasst (UTC)",
    [T_EVI_PLACES] = "Fundorte",
    [T_EVI_STATUS] = "Status",
    [T_EVI_INSIDE] = "in {1}, unter",
    [T_EVI_ALSO] = "auch unter",
    [T_EVI_TOP] = "angegeben als",
    [T_EVI_COUNTS] = "{1} Ereignisse, {2} Dateien, {3} Warnungen",
    [T_UNKNOWN] = "unbekannt",
    [T_EVI_VERIFIED] = "Letzte Überprüfung (ftl verify Nr. {1}), UTC:",
    [T_EVI_VER_OK] = "jeder erneut gelesene Fundort hat den erfassten "
        "SHA-256",
    [T_EVI_VER_FAILED] = "mindestens ein erneut gelesener Fundort hat NICHT "
        "den erfassten SHA-256",
    [T_EVI_VER_COUNTS] = "{1} Fundorte von {2} Stücken: {3} in Ordnung, "
        "{4} geändert, {5} fehlend, {6} unlesbar.",
    [T_EVI_VER_NONE] = "Die Beweisstücke wurden seit ihrer Erfassung nicht "
        "erneut gelesen (ftl verify).",
    [T_SEC_TIMELINE] = "Zeitleiste",
    [T_TL_INTRO] =
        "Jedes Ereignis, auf das ein Indikator zutraf, und jedes "
        "von der Analyse genannte Ereignis wird gezeigt; die übrigen "
        "folgen in zeitlicher Reihenfolge, höchstens {1}.",
    [T_TL_CAPTION] =
        "Ereignisse in zeitlicher Reihenfolge (UTC, Ortszeit "
        "darunter)",
    [T_TL_EVENT] = "Ereignis",
    [T_TL_TIME] = "Zeit",
    [T_TL_WHAT] = "Quelle und Art",
    [T_TL_DESC] = "Beschreibung",
    [T_TL_WHERE] = "Beweisstück und Fundstelle",
    [T_TL_MARKS] = "Merkmale",
    [T_TL_IOC] = "Indikator",
    [T_TL_CITED] = "genannt von",
    [T_TL_WINDOW_CITE] = "Fenster",
    [T_TL_LEFT_OUT] =
        "{1} weitere Ereignisse zwischen {2} und {3} werden "
        "hier nicht gezeigt. <code>ftl export csv -c {4} --from {2} --to "
        "{3}</code> schreibt sie, mit allen anderen Ereignissen dieses "
        "Zeitraums.",
    [T_TL_ALL_SHOWN] =
        "Alle Ereignisse im Zeitraum des Berichts werden "
        "gezeigt.",
    [T_TL_NONE] = "Kein Ereignis im Zeitraum des Berichts.",
    [T_TL_DELETED] = "gelöscht",
    [T_TL_TZ_ASSUMED] = "Zeitzone angenommen",
    [T_TL_YEAR_EST] = "Jahr geschätzt",
    [T_TL_IOC_MSG] = "Nachricht markiert",
    [T_TL_RAW] = "wie geschrieben:",
    [T_SEC_CHART] = "Ereignisse pro Tag",
    [T_CH_INTRO] =
        "Jeder Balken ist ein Tag (UTC). Jede Quelle hat ihren "
        "eigenen Maßstab: ihr höchster Balken hat die volle Höhe.",
    [T_CH_BIN] =
        "Jeder Balken umfasst {1} Tage (UTC). Jede Quelle hat "
        "ihren eigenen Maßstab: ihr höchster Balken hat die volle Höhe.",
    [T_CH_WINDOW] = "Kompromittierungsfenster",
    [T_CH_DESC] =
        "Ereignisse je Quelle vom {1} bis {2}, Balken zu {3} "
        "Tagen, das Kompromittierungsfenster schraffiert.",
    [T_CH_TABLE_CAPTION] = "Ereignisse je Quelle",
    [T_CH_SOURCE] = "Quelle",
    [T_CH_EVENTS] = "Ereignisse",
    [T_CH_PEAK] = "Stärkster Tag (Ereignisse)",
    [T_CH_NONE] = "Kein Ereignis im Zeitraum des Berichts.",
    [T_CH_MAX] = "höchster Balken {1}",
    [T_SEC_METHOD] = "Methode und Grenzen",
    [T_ME_INTRO] =
        "Wie die Beweismittel gelesen wurden, was angenommen "
        "wurde und was dieser Bericht nicht sagen kann.",
    [T_ME_COLLECT] = "Erfassung",
    [T_ME_COLL_CAPTION] = "Erfassungsmodule, Optionen und ihre Annahmen",
    [T_ME_OPTIONS] = "Optionen",
    [T_ME_ZONE] = "Angenommene Zeitzone",
    [T_ME_YEAR] = "Angenommenes Jahr",
    [T_ME_N_TZ] = "Ereignisse in angenommener Zeitzone",
    [T_ME_N_YEAR] = "Ereignisse mit geschätztem Jahr",
    [T_ME_N_DST] = "Ereignisse an einer Zeitumstellung",
    [T_ME_ANALYSIS] = "Analyse",
    [T_ME_CLOCKS] =
        "{1} Uhrabweichungen wurden geschätzt; {2} davon "
        "wurden in der Analyse angewandt, was die Zeiten von {3} "
        "Nachrichten korrigierte. Ereignisse behalten die Zeiten, die ihr "
        "Beweisstück schrieb.",
    [T_ME_CLOCKS_NONE] = "Es wurde keine Uhrkorrektur angewandt.",
    [T_ME_UNREAD] = "Was nicht gelesen werden konnte",
    [T_ME_UNREAD_NONE] =
        "Jedes Beweisstück wurde ohne Warnung bis zum "
        "Ende gelesen.",
    [T_ME_WARNCOUNTS] = "Anzahl der Warnungen",
    [T_ME_WARN_CAPTION] = "Alle im Fall verzeichneten Warnungen",
    [T_ME_COLL_WARN] = "Erfassung",
    [T_ME_AN_WARN] = "Analyse",
    [T_COUNT] = "Anzahl",
    [T_ME_TIMES] =
        "Zeiten sind UTC nach RFC 3339; die Ortszeit darunter "
        "gilt für {1}. Eine Zeit aus einem Beweisstück ohne Zeitzone "
        "wurde in der oben für dieses Stück genannten Zone gelesen und "
        "ist mit <em>Zeitzone angenommen</em> markiert; eine Zeit ohne "
        "Jahr hat ein geschätztes Jahr und ist so markiert.",
    [T_ME_CAP] =
        "Die Zeitleiste zeigt {1} der {2} Ereignisse im Zeitraum "
        "des Berichts; {3} sind ausgelassen und mit dem Befehl benannt, "
        "der sie auflistet.",
    [T_ME_ESCAPE] =
        "Text aus Beweismitteln wird wie geschrieben gezeigt "
        "und nie ausgewertet: Zeichen, die die Darstellung des umgebenden "
        "Textes unsichtbar ändern würden (bidirektionale Steuerzeichen, "
        "Zeichen ohne Breite), erscheinen als <code>[U+202E]</code> und "
        "ähnlich, Steuerzeichen und Bytes, die kein UTF-8 sind, als "
        "<code>\\xNN</code>.",
};

static const char *const de_words[] = {
    "E-Mail über das Gateway",                    /* mail-transit */
    "auf der Appliance gespeichert",              /* appliance-storage */
    "beobachtet",                                 /* observed */
    "zugänglich",                                 /* accessible */
    "unbekannt",                                  /* unknown */
    "stark",                                      /* strong */
    "mittel",                                     /* medium */
    "schwach",                                    /* weak */
    "vom Sachverständigen angegeben",             /* explicit */
    "Indikatorspur",                              /* indicator */
    "Eindämmung",                                 /* contained */
    "letzte gesehene Aktivität",                  /* last-activity */
    "zweiseitig (wie NTP)",                       /* two-way */
    "einseitig (inkl. Laufzeit)",                 /* one-way */
    "vollständig",                                /* complete */
    "teilweise",                                  /* partial */
    "fehlgeschlagen",                             /* failed */
    "Erfassung abgebrochen",                      /* collecting */
    "Ausweisdokument",                            /* identity_document */
    "Lebenslauf",                                 /* cv */
    "Gehaltsabrechnung",                          /* payroll */
    "Gesundheit",                                 /* health */
    "medizinisch",                                /* medical */
    "Kontaktdaten",                               /* contact */
    "interne Kommunikation",                      /* internal_communication */
    "Disziplinarisches",                          /* disciplinary */
    "Familie",                                    /* family */
    "Gewerkschaft",                               /* trade_union */
    "Strafregister",                              /* criminal_record */
};

const int h_n_words = (int)(sizeof(h_vocabulary) / sizeof(h_vocabulary[0]));

_Static_assert(sizeof(en_words) == sizeof(h_vocabulary) &&
               sizeof(fr_words) == sizeof(h_vocabulary) &&
               sizeof(nl_words) == sizeof(h_vocabulary) &&
               sizeof(de_words) == sizeof(h_vocabulary),
               "every language has a word for each of the vocabulary");

const char *const h_lang_codes[H_N_LANGS] = { "en", "fr", "nl", "de" };
const char *const *const h_texts[H_N_LANGS] = { en, fr, nl, de };
const char *const *const h_words[H_N_LANGS] = { en_words, fr_words,
                                                nl_words, de_words };

const char *exp_html_lang(int i)
{
    return i >= 0 && i < H_N_LANGS ? h_lang_codes[i] : NULL;
}

int h_lang_find(const char *code)
{
    int i;

    for (i = 0; i < H_N_LANGS; i++)
        if (strcmp(code, h_lang_codes[i]) == 0)
            return i;
    return -1;
}

const char *h_word(int lang, const char *word)
{
    int i;

    for (i = 0; i < h_n_words; i++)
        if (strcmp(word, h_vocabulary[i]) == 0)
            return h_words[lang][i];
    return NULL;
}
