// Helpers for retranslateUi(): widgets set their texts there (once from the constructor, again
// on QEvent::LanguageChange), so a language switch changes text only and keeps every state.
// GUI thread only.
#pragma once

#include <QAbstractItemModel>
#include <QFormLayout>
#include <QLabel>

namespace retranslate {

// Sets the label QFormLayout::addRow(QString(), field) made for the row holding `field`: the
// field itself, or a widget wrapping it (a field with its error label under it).
// addRow(QString(), field) makes no label (Qt skips an empty one): the first call adds it.
inline void setFormLabel(QFormLayout *form, QWidget *field, const QString &text)
{
    for (QWidget *w = field; w; w = w->parentWidget()) {
        if (auto *label = qobject_cast<QLabel *>(form->labelForField(w))) {
            label->setText(text);
            return;
        }
        int row = -1;
        QFormLayout::ItemRole role;
        form->getWidgetPosition(w, &row, &role);
        if (row >= 0 && role == QFormLayout::FieldRole) {
            auto *label = new QLabel(text);
            label->setBuddy(field);
            form->setWidget(row, QFormLayout::LabelRole, label);
            return;
        }
    }
}

// The same for a row whose field is a layout.
inline void setFormLabel(QFormLayout *form, QLayout *field, const QString &text)
{
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(field))) {
        label->setText(text);
        return;
    }
    int row = -1;
    QFormLayout::ItemRole role;
    form->getLayoutPosition(field, &row, &role);
    if (row >= 0 && role == QFormLayout::FieldRole)
        form->setWidget(row, QFormLayout::LabelRole, new QLabel(text));
}

// The models in ui/models answer data() and headerData() with tr() strings when asked: this
// tells their views to ask again (headers and every cell), without resetting selection or
// scrolling.
inline void refreshModel(QAbstractItemModel *model)
{
    const int rows = model->rowCount();
    const int columns = model->columnCount();
    if (columns <= 0)
        return;
    emit model->headerDataChanged(Qt::Horizontal, 0, columns - 1);
    if (rows > 0)
        emit model->dataChanged(model->index(0, 0), model->index(rows - 1, columns - 1));
}

} // namespace retranslate
