"""Write a synthetic help centre of N articles in Lanterne's content format, the same for the same N and seed.

    python bench/generate.py 2000 bench/out/corpus-2000

writes bench/out/corpus-2000/docs/. N counts articles in the default language (French); about 20% of them
also get an English variant, so the site has about 1.2 N article pages. The corpus is meant to look like a
real help centre to the build: collections and sub-collections, several authors (some with avatars), tags,
keywords, related articles, about 400 words per article with headings, numbered and bulleted lists,
admonitions and links to sibling articles; internal notes in 10% of public articles and 5% internal-only
articles. It builds with `mkdocs build --strict`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SEED = 20261128

AUTHORS = [
    ("sophie", "Sophie Martin", "Responsable du support client", True),
    ("karim", "Karim Benali", "Chef de produit, paiements", True),
    ("lea", "Léa Dubois", "Experte facturation", False),
    ("thomas", "Thomas Petit", "Support niveau 2", True),
    ("amina", "Amina Diallo", "Rédactrice technique", False),
    ("julien", "Julien Moreau", "Intégrations et API", False),
    ("claire", "Claire Fontaine", "Comptabilité et conformité", True),
    ("hugo", "Hugo Lambert", "Succès client", False),
]

ICONS = [
    "material/receipt-text",
    "material/file-document-edit",
    "material/account-group",
    "material/credit-card-outline",
    "material/rocket-launch",
    "material/cog",
    "material/bank",
    "material/email-outline",
    "material/chart-line",
    "material/shield-lock",
    "material/calendar-clock",
    "material/cart-outline",
]

# Nouns and verbs of an invoicing app, in French and English, paired so that variants read alike.
TOPICS_FR = [
    "facture", "devis", "avoir", "client", "paiement", "relance", "acompte", "abonnement", "export", "modèle",
    "TVA", "remise", "fournisseur", "banque", "rapprochement", "signature", "catalogue", "produit", "équipe",
    "rôle", "notification", "intégration", "clé API", "webhook", "numérotation", "échéance", "mandat SEPA",
    "note de frais", "tableau de bord", "import CSV",
]  # fmt: skip
TOPICS_EN = [
    "invoice", "quote", "credit note", "customer", "payment", "reminder", "deposit", "subscription", "export",
    "template", "VAT", "discount", "supplier", "bank", "reconciliation", "signature", "catalogue", "product",
    "team", "role", "notification", "integration", "API key", "webhook", "numbering", "due date", "SEPA mandate",
    "expense", "dashboard", "CSV import",
]  # fmt: skip
ACTIONS_FR = [
    "Créer", "Modifier", "Supprimer", "Envoyer", "Exporter", "Importer", "Archiver", "Dupliquer", "Configurer",
    "Partager", "Vérifier", "Corriger",
]  # fmt: skip
ACTIONS_EN = [
    "Create", "Edit", "Delete", "Send", "Export", "Import", "Archive", "Duplicate", "Set up", "Share", "Check",
    "Fix",
]  # fmt: skip
TAGS = [
    "email", "envoi", "dépannage", "TVA", "export", "import", "paiement", "sécurité", "équipe", "mobile",
    "API", "comptabilité", "relances", "modèles", "abonnement", "banque", "signature", "PDF", "clients",
    "produits", "rapports", "intégrations", "notifications", "premiers pas", "réglementation", "multi-devises",
    "acomptes", "avoirs", "numérotation", "archives", "RGPD", "factur-x", "chorus pro", "SEPA", "stripe",
    "paypal", "quickbooks", "pennylane", "raccourcis", "accessibilité",
]  # fmt: skip
KEYWORDS = [
    "mail pas arrivé", "spam", "courriel", "bug", "ne marche pas", "erreur", "bloqué", "impossible",
    "comment faire", "tuto", "supprimer compte", "mot de passe", "connexion", "lent", "doublon", "format",
    "excel", "tableur", "logo", "couleur", "signature électronique", "reçu", "quittance", "facturette",
]  # fmt: skip
_TEXT_FR = (
    "votre compte affiche alors la liste des éléments concernés et vous pouvez filtrer par date statut ou client "
    "chaque modification est enregistrée dans l'historique afin que votre équipe sache qui a fait quoi et quand "
    "les montants sont recalculés automatiquement en tenant compte des remises et du taux de TVA applicable "
    "si vous travaillez avec un expert-comptable il reçoit les mêmes informations dans son espace dédié "
    "le document reste modifiable tant qu'il n'a pas été finalisé puis il devient définitif pour respecter la loi "
    "une notification vous prévient dès que votre client a ouvert le message ou effectué le règlement"
)
_TEXT_EN = (
    "your account then shows the list of matching items and you can filter by date status or customer "
    "every change is saved in the history so that your team knows who did what and when "
    "amounts are recalculated automatically taking discounts and the applicable VAT rate into account "
    "if you work with an accountant they get the same information in their own space "
    "the document stays editable until it is finalised then it becomes final as the law requires "
    "a notification tells you as soon as your customer has opened the message or paid"
)
WORDS_FR, WORDS_EN = _TEXT_FR.split(), _TEXT_EN.split()
HEADINGS_FR = ["Avant de commencer", "Étapes", "Cas particuliers", "Vérifications", "Si cela ne fonctionne pas", "Bon à savoir"]
HEADINGS_EN = ["Before you start", "Steps", "Special cases", "Checks", "If it does not work", "Good to know"]
ADMONITIONS = ["note", "tip", "warning", "info", "example"]


@dataclass
class Article:
    """One generated article: where it lives and what its front matter and body say."""

    folder: str
    slug: str
    title: str
    title_en: str
    internal: bool
    has_note: bool
    has_variant: bool
    siblings: list[Article] = field(default_factory=list)

    @property
    def src(self) -> str:
        return f"{self.folder}/{self.slug}.md"


def generate(n: int, out: Path, *, seed: int = SEED) -> dict[str, Any]:
    """Write out/docs for a help centre of n articles and return counts of what was written."""
    rng = random.Random(f"{seed}-{n}")
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    _write_authors(docs)
    _write(docs / "index.md", "---\nhero:\n  title: Comment pouvons-nous vous aider ?\n  subtitle: Guides pas à pas.\n---\n")
    _write(docs / "index.en.md", "---\nhero:\n  title: How can we help?\n  subtitle: Step-by-step guides.\n---\n")
    folders = _write_collections(docs, n, rng)
    articles = _plan_articles(n, folders, rng)
    counts: dict[str, Any] = {"articles": n, "variants": 0, "internal": 0, "notes": 0, "collections": len(folders)}
    for article in articles:
        _write(docs / article.src, _article_text(article, rng, lang="fr"))
        counts["internal"] += article.internal
        counts["notes"] += article.has_note
        if article.has_variant:
            _write(docs / f"{article.folder}/{article.slug}.en.md", _article_text(article, rng, lang="en"))
            counts["variants"] += 1
    # A public article with an English variant and the first collection, for page-weight measures.
    counts["sample_article"] = next(a.src for a in articles if a.has_variant)
    counts["sample_collection"] = folders[0]
    return counts


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_authors(docs: Path) -> None:
    """Several authors, half with an avatar file."""
    lines = ["authors:"]
    for author_id, name, description, avatar in AUTHORS:
        lines += [f"  {author_id}:", f"    name: {name}", f"    description: {description}"]
        if avatar:
            lines.append(f"    avatar: assets/authors/{author_id}.svg")
            colour = f"#{zlib.crc32(author_id.encode()) % 0xFFFFFF:06x}"
            svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="{colour}"/></svg>\n'
            _write(docs / "assets" / "authors" / f"{author_id}.svg", svg)
    _write(docs / ".authors.yml", "\n".join(lines) + "\n")


def _write_collections(docs: Path, n: int, rng: random.Random) -> list[str]:
    """Top-level collections (more for bigger centres), each with zero to three sub-collections."""
    folders: list[str] = []
    for c in range(max(6, min(40, n // 60))):
        topic_fr, topic_en = TOPICS_FR[c % len(TOPICS_FR)], TOPICS_EN[c % len(TOPICS_EN)]
        slug = f"c{c + 1:02d}-{_slug(topic_en)}"
        _write_collection(docs / slug, f"{topic_fr.capitalize()} {c + 1}", f"{topic_en.capitalize()} {c + 1}", c, rng)
        folders.append(slug)
        for s in range(rng.choice([0, 0, 1, 2, 3])):
            action_fr, action_en = ACTIONS_FR[(c + s) % len(ACTIONS_FR)], ACTIONS_EN[(c + s) % len(ACTIONS_EN)]
            sub = f"{slug}/s{s + 1}-{_slug(action_en)}"
            _write_collection(docs / sub, f"{action_fr} : {topic_fr}", f"{action_en}: {topic_en}", s, rng)
            folders.append(sub)
    return folders


def _write_collection(folder: Path, title: str, title_en: str, order: int, rng: random.Random) -> None:
    icon = ICONS[order % len(ICONS)]
    fr = f'---\ntitle: "{title}"\ndescription: "Tout sur {title.lower()}."\nicon: {icon}\norder: {order + 1}\n---\n'
    en = f'---\ntitle: "{title_en}"\ndescription: "All about {title_en.lower()}."\n---\n'
    _write(folder / "index.md", fr)
    _write(folder / "index.en.md", en)


def _plan_articles(n: int, folders: list[str], rng: random.Random) -> list[Article]:
    """Spread n articles over the collections, unevenly as in real help centres."""
    weights = [rng.uniform(0.3, 3.0) for _ in folders]
    articles: list[Article] = []
    by_folder: dict[str, list[Article]] = {}
    for i in range(n):
        folder = rng.choices(folders, weights)[0]
        c = i % len(TOPICS_FR)
        a = rng.randrange(len(ACTIONS_FR))
        title = f"{ACTIONS_FR[a]} : {TOPICS_FR[c]} et {TOPICS_FR[(c + 7) % len(TOPICS_FR)]} ({i + 1})"
        title_en = f"{ACTIONS_EN[a]}: {TOPICS_EN[c]} and {TOPICS_EN[(c + 7) % len(TOPICS_EN)]} ({i + 1})"
        internal = rng.random() < 0.05
        article = Article(
            folder=folder,
            slug=f"{_slug(title_en.rsplit(' (', 1)[0])}-{i + 1}",
            title=title,
            title_en=title_en,
            internal=internal,
            has_note=not internal and rng.random() < 0.105,
            has_variant=not internal and rng.random() < 0.21,
        )
        articles.append(article)
        by_folder.setdefault(folder, []).append(article)
    for group in by_folder.values():
        public = [a for a in group if not a.internal]
        for article in group:
            others = [a for a in public if a is not article]
            article.siblings = rng.sample(others, min(len(others), rng.randint(0, 3)))
    return articles


def _article_text(article: Article, rng: random.Random, *, lang: str) -> str:
    """Front matter, then about 400 words: intro, sections with lists, an admonition, links, maybe a note."""
    fr = lang == "fr"
    author = rng.choice(AUTHORS)[0]
    updated = date(2026, 11, 1) - timedelta(days=rng.randrange(900))
    created = updated - timedelta(days=rng.randrange(400))
    tags = rng.sample(TAGS, rng.randint(1, 4))
    keywords = rng.sample(KEYWORDS, rng.randint(0, 4))
    title = article.title if fr else article.title_en
    words = WORDS_FR if fr else WORDS_EN
    front = [
        "---",
        f'title: "{title}"',
        f'description: "{_sentence(rng, words, 12, 20).rstrip(".")}"',
    ]
    if fr:
        front += [f"author: {author}", f"created: {created}"]
        if article.internal:
            front.append("audience: internal")
    front.append(f"updated: {updated}")
    front.append("tags: [" + ", ".join(tags if fr else [_slug(t) for t in tags]) + "]")
    if keywords:
        front.append("keywords: [" + ", ".join(keywords) + "]")
    if fr and rng.random() < 0.5:
        front.append(f"order: {rng.randint(1, 30)}")
    if fr and article.siblings:
        front.append("related:")
        front += [f"  - {s.src}" for s in article.siblings]
    front.append("---")
    body = [_paragraph(rng, words, 3)]
    headings = HEADINGS_FR if fr else HEADINGS_EN
    for h, heading in enumerate(rng.sample(headings, 3)):
        body.append(f"## {heading}")
        body.append(_paragraph(rng, words, 2))
        if h == 0:
            body.append("\n".join(f"{k}. {_sentence(rng, words, 6, 12)}" for k in range(1, rng.randint(4, 6))))
        elif h == 1:
            ok, ko = ("✅", "❌")
            body.append(f"- {ok} {_sentence(rng, words, 6, 12)}\n- {ko} {_sentence(rng, words, 6, 12)}")
        else:
            body.append("\n".join(f"- **{rng.choice(words)}** : {_sentence(rng, words, 4, 9)}" for _ in range(3)))
    kind = rng.choice(ADMONITIONS)
    marker = "???" if rng.random() < 0.2 else "!!!"
    body.append(f"{marker} {kind}\n    {_sentence(rng, words, 15, 25)} {_sentence(rng, words, 10, 20)}")
    if article.siblings:
        label = "Voir aussi" if fr else "See also"
        links = ", ".join(f"[{s.title if fr else s.title_en}]({s.slug}.md)" for s in article.siblings)
        body.append(f"{label} : {links}." if fr else f"{label}: {links}.")
    if article.has_note:
        heading = "Pour le support" if fr else "For support agents"
        body.append(f'!!! internal "{heading}"\n    {_sentence(rng, words, 15, 25)} {_sentence(rng, words, 10, 20)}')
    body.append(_paragraph(rng, words, 2))
    return "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


def _paragraph(rng: random.Random, words: list[str], sentences: int) -> str:
    return " ".join(_sentence(rng, words, 14, 26) for _ in range(sentences))


def _sentence(rng: random.Random, words: list[str], low: int, high: int) -> str:
    picked = [rng.choice(words) for _ in range(rng.randint(low, high))]
    return " ".join(picked).capitalize() + "."


def _slug(text: str) -> str:
    table = str.maketrans("éèêàçôù'", "eeeacou-")
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in text.lower().translate(table))
    return "-".join(part for part in cleaned.split("-") if part)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, help="number of articles in the default language")
    parser.add_argument("out", type=Path, help="directory to write docs/ into")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    counts = generate(args.articles, args.out, seed=args.seed)
    print(", ".join(f"{value} {key}" for key, value in counts.items()))


if __name__ == "__main__":
    main()
