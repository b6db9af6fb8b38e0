// Finds English in a Korean UI, for the Korean walk test. A text "is English" when it holds
// two or more ASCII words of 3+ letters that are not Kafka's own terms (kept in English on
// purpose: users search for them) or names the test made, or an English unit after a number
// ("0 ms", "6.0 s"). Tokens with digits, dots, dashes or '=' (broker-1, orders-0, acks=all,
// session.timeout.ms, murmur2) are names, never words. englishTexts() walks the visible
// widgets under a root: labels, buttons, tab titles, group box titles, header labels, combo
// texts, placeholders. Test-only; GUI thread.
#pragma once

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QTabBar>
#include <QTextDocumentFragment>
#include <QWidget>

namespace koreantest {

// Kafka's and the app's own words, kept in English in the Korean UI.
inline const QSet<QString> &allowedWords()
{
    static const QSet<QString> words = [] {
        QSet<QString> w;
        for (const char *s : {"kafka", "lab", "isr", "leo", "acks", "murmur", "crc", "kraft", "kip",
                 "leavegroup", "joingroup", "syncgroup", "heartbeat", "offsetcommit",
                 "stable", "preparingrebalance", "completingrebalance", "empty", "dead",
                 "ok", "warn", "stall", "stop", "rewind", "err", "range", "roundrobin", "sticky",
                 "cooperative", "uniform", "zipf", "none", "gzip", "snappy", "zstd",
                 "earliest", "latest", "null", "csv", "png", "json", "utf", "english"})
            w.insert(QString::fromLatin1(s));
        return w;
    }();
    return words;
}

// The English words (or units) that make `text` English, empty when it is not.
inline QStringList englishIn(const QString &text, const QStringList &names)
{
    static const QRegularExpression token(QStringLiteral("[A-Za-z0-9][A-Za-z0-9_.\\-=/#:]*[A-Za-z0-9]|[A-Za-z0-9]"));
    static const QRegularExpression word(QStringLiteral("^[A-Za-z]{3,}$"));
    static const QRegularExpression unit(QStringLiteral("\\d\\s*(ms|s|min|h|sec)(?![A-Za-z0-9_.])"));
    QStringList words;
    for (auto it = token.globalMatch(text); it.hasNext();) {
        const QString t = it.next().captured(0);
        if (!word.match(t).hasMatch())
            continue;
        if (allowedWords().contains(t.toLower()) || names.contains(t))
            continue;
        words << t;
    }
    QStringList result = words.size() >= 2 ? words : QStringList();
    for (auto it = unit.globalMatch(text); it.hasNext();)
        result << it.next().captured(0);
    return result;
}

// Kafka's group state words ("Stable", "PreparingRebalance", ...) shown as the state itself: in
// Korean the state is a Korean word (Kafka's spelling belongs in the tooltip or in parentheses).
inline QStringList bareKafkaStates(const QString &text)
{
    static const QRegularExpression state(
        QStringLiteral("(?<![(A-Za-z])(Stable|PreparingRebalance|CompletingRebalance|Empty|Dead)(?![)A-Za-z])"));
    QStringList found;
    for (auto it = state.globalMatch(text); it.hasNext();)
        found << it.next().captured(1);
    return found;
}

inline bool hasHangul(const QString &text)
{
    static const QRegularExpression hangul(QStringLiteral("[\\x{AC00}-\\x{D7A3}]"));
    return hangul.match(text).hasMatch();
}

inline QString plain(const QString &text)
{
    return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
}

inline QString describe(const QWidget *w)
{
    QString path;
    for (const QObject *o = w; o; o = o->parent())
        if (!o->objectName().isEmpty()) {
            path = o->objectName();
            break;
        }
    return QStringLiteral("%1 [%2]").arg(QString::fromLatin1(w->metaObject()->className()), path);
}

// Every visible text under `root` that is English: "QLabel [groupState]: text  <- words".
inline QStringList englishTexts(QWidget *root, const QStringList &names)
{
    QStringList found;
    auto check = [&](const QWidget *w, const QString &raw) {
        const QString text = plain(raw).simplified();
        if (text.isEmpty())
            return;
        const QStringList english = englishIn(text, names);
        if (!english.isEmpty())
            found << QStringLiteral("%1: \"%2\"  <- %3").arg(describe(w), text, english.join(QStringLiteral(", ")));
    };
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : widgets) {
        if (!w->isVisible())
            continue;
        if (auto *l = qobject_cast<QLabel *>(w))
            check(w, l->text());
        else if (auto *b = qobject_cast<QAbstractButton *>(w))
            check(w, b->text());
        else if (auto *t = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < t->count(); ++i)
                check(w, t->tabText(i));
        } else if (auto *c = qobject_cast<QComboBox *>(w))
            check(w, c->currentText());
        else if (auto *e = qobject_cast<QLineEdit *>(w))
            check(w, e->placeholderText());
        else if (auto *h = qobject_cast<QHeaderView *>(w)) {
            if (QAbstractItemModel *m = h->model())
                for (int i = 0; i < h->count(); ++i)
                    if (!h->isSectionHidden(i))
                        check(w, m->headerData(i, h->orientation()).toString());
        }
        if (auto *g = qobject_cast<QGroupBox *>(w))
            check(w, g->title());
    }
    return found;
}

} // namespace koreantest
