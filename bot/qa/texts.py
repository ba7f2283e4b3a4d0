"""Every sentence the scheme answers use, in bokmål ("nb") and nynorsk ("nn")."""

from __future__ import annotations

from bot.scheme import Lang

T: dict[str, dict[Lang, str]] = {
    "frame_title": {"nb": "Rammen til {name} for {year}", "nn": "Ramma til {name} for {year}"},
    "estimated": {"nb": "Estimert ramme: {amount}", "nn": "Estimert ramme: {amount}"},
    "decided": {"nb": "Vedtatt ramme: {amount}", "nn": "Vedteken ramme: {amount}"},
    "status": {"nb": "Status", "nn": "Status"},
    "status_estimated": {
        "nb": "estimert (beregnet fra elevtall og barnetall)",
        "nn": "estimert (rekna ut frå elevtal og barnetal)",
    },
    "status_decided": {"nb": "vedtatt", "nn": "vedteken"},
    "base": {"nb": "Grunntilskudd", "nn": "Grunntilskot"},
    "share": {
        "nb": "Fordelt etter elevtall og barnetall",
        "nn": "Fordelt etter elevtal og barnetal",
    },
    "counts": {"nb": "Elevtall / barnetall", "nn": "Elevtal / barnetal"},
    "key_gave": {"nb": "Fordelingsnøkkelen ga", "nn": "Fordelingsnøkkelen gav"},
    "coordination": {"nb": "Koordinering (i tillegg)", "nn": "Koordinering (i tillegg)"},
    "used": {"nb": "Bundet opp / igjen", "nn": "Bunde opp / att"},
    "used_unknown": {
        "nb": "vises når beslutningsgrunnlaget er registrert",
        "nn": "blir vist når avgjerdsgrunnlaget er registrert",
    },
    "member_of": {
        "nb": "{place} hører til kompetansenettverket {name}.",
        "nn": "{place} høyrer til kompetansenettverket {name}.",
    },
    "imported": {
        "nb": "Elevtall og barnetall er importert fra {source} ({date}).",
        "nn": "Elevtal og barnetal er importerte frå {source} ({date}).",
    },
    "source": {"nb": "Kilde: {source}.", "nn": "Kjelde: {source}."},
    "not_found": {
        "nb": "Jeg finner ikke «{place}» blant kompetansenettverkene i {region}. "
        "Nettverkene er: {names}.",
        "nn": "Eg finn ikkje «{place}» blant kompetansenettverka i {region}. "
        "Nettverka er: {names}.",
    },
    "which_network": {
        "nb": "Hvilket kompetansenettverk hører du til? Spør for eksempel «rammen til {example}», "
        "eller skriv «jeg hører til {example}», så husker jeg det. Nettverkene er: {names}.",
        "nn": "Kva kompetansenettverk høyrer du til? Spør til dømes «ramma til {example}», "
        "eller skriv «eg høyrer til {example}», så hugsar eg det. Nettverka er: {names}.",
    },
    "remembered": {
        "nb": "Notert: du hører til {name}. Nå kan du spørre «hva er rammen vår?».",
        "nn": "Notert: du høyrer til {name}. No kan du spørje «kva er ramma vår?».",
    },
    "no_year": {
        "nb": "Jeg har ingen tall for {year} ennå. Spør administratoren hos Statsforvalteren.",
        "nn": "Eg har ingen tal for {year} enno. Spør administratoren hos Statsforvaltaren.",
    },
    "county_title": {"nb": "Rammene for {year}", "nn": "Rammene for {year}"},
    "county_headline": {
        "nb": "{count} kompetansenettverk, {total} til sammen (koordinering kommer i tillegg).",
        "nn": "{count} kompetansenettverk, {total} til saman (koordinering kjem i tillegg).",
    },
    "county_refused": {
        "nb": "Oversikten over hele fylket er for administratorer. "
        "Du kan spørre om rammen til ett nettverk, for eksempel «rammen til {example}».",
        "nn": "Oversikta over heile fylket er for administratorar. "
        "Du kan spørje om ramma til eitt nettverk, til dømes «ramma til {example}».",
    },
    "deadline_title": {"nb": "Frist: {step}", "nn": "Frist: {step}"},
    "next_title": {"nb": "Neste frist: {step}", "nn": "Neste frist: {step}"},
    "from": {"nb": "Fra", "nn": "Frå"},
    "to": {"nb": "Til", "nn": "Til"},
    "due": {"nb": "Frist", "nn": "Frist"},
    "local": {"nb": "settes lokalt", "nn": "blir sett lokalt"},
    "recommended": {
        "nb": "settes lokalt (anbefalt {date})",
        "nn": "blir sett lokalt (tilrådd {date})",
    },
    "passed": {"nb": "{date} (passert)", "nn": "{date} (passert)"},
    "calendar_title": {"nb": "Årshjulet for {year}", "nn": "Årshjulet for {year}"},
    "calendar_headline": {
        "nb": "Stegene i Kompetanseløftet, med fristene for {region}.",
        "nn": "Stega i Kompetanseløftet, med fristane for {region}.",
    },
    "no_next": {
        "nb": "Jeg har ingen kommende frister med dato.",
        "nn": "Eg har ingen komande fristar med dato.",
    },
    "see_calendar": {"nb": "Alle frister", "nn": "Alle fristar"},
    "see_frame": {"nb": "Rammen vår", "nn": "Ramma vår"},
}
