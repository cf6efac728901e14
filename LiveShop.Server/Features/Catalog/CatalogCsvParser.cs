using System.Text;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;

namespace LiveShop.Server.Features.Catalog;

/// <summary>One record of a CSV file: the line it starts on (line 1 is the file's first) and its cells.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Cells);

/// <summary>
/// Splits RFC 4180 text into records. A cell in double quotes may hold the delimiter, line breaks and
/// doubled quotes (""); a quote inside an unquoted cell is kept as a character (spreadsheets write
/// <c>90" wide</c> that way). Line breaks are CRLF, LF or CR; inside a quoted cell each becomes LF.
/// Blank lines are skipped. Each record keeps the line it starts on, so a description with line breaks
/// does not shift the lines reported for the rows after it. Text that cannot be read as CSV (a quote
/// never closed, text after a closing quote) is refused as a whole, naming the line.
/// </summary>
public static class CatalogCsvParser
{
    private enum State
    {
        CellStart,
        Unquoted,
        Quoted,
        AfterQuote,
    }

    /// <summary>The records of <paramref name="text"/>, at most <paramref name="maxRecords"/> (more: refused).</summary>
    public static List<CsvRecord> Split(string text, char delimiter, int maxRecords, Func<string> tooManyMessage)
    {
        var records = new List<CsvRecord>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var state = State.CellStart;
        var line = 1;
        var recordLine = 1;
        var quoteLine = 1;

        void EndCell()
        {
            cells.Add(cell.ToString());
            cell.Clear();
            state = State.CellStart;
        }

        void EndRecord()
        {
            EndCell();
            var blank = cells.Count == 1 && cells[0].Length == 0;
            if (!blank)
            {
                if (records.Count == maxRecords)
                {
                    throw Invalid(tooManyMessage());
                }

                records.Add(new CsvRecord(recordLine, [.. cells]));
            }

            cells.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lineBreak = c is '\r' or '\n';
            if (lineBreak && c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            switch (state)
            {
                case State.Quoted when c == '"':
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        state = State.AfterQuote;
                    }

                    break;
                case State.Quoted:
                    cell.Append(lineBreak ? '\n' : c);
                    break;
                case State.CellStart when c == '"':
                    state = State.Quoted;
                    quoteLine = line;
                    break;
                case State.CellStart or State.Unquoted or State.AfterQuote when c == delimiter:
                    EndCell();
                    break;
                case State.CellStart or State.Unquoted or State.AfterQuote when lineBreak:
                    EndRecord();
                    break;
                case State.AfterQuote:
                    throw Invalid("Line {0}: a quoted cell must end at its closing quote (then a comma or the end of the line). Put the whole cell in quotes and double every quote inside it (\"\").", line);
                case State.CellStart or State.Unquoted:
                    cell.Append(c);
                    state = State.Unquoted;
                    break;
            }

            if (lineBreak)
            {
                line++;
                if (state == State.CellStart && cells.Count == 0)
                {
                    recordLine = line;
                }
            }
        }

        if (state == State.Quoted)
        {
            throw Invalid("The quoted cell that starts on line {0} has no closing quote.", quoteLine);
        }

        if (state != State.CellStart || cells.Count > 0)
        {
            EndRecord();
        }

        return records;
    }

    /// <summary>The delimiter of a file: a comma, or a semicolon when the header row has semicolons and no comma (spreadsheets in locales with a decimal comma save that way).</summary>
    public static char DetectDelimiter(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var header = end < 0 ? text.AsSpan() : text.AsSpan(0, end);
        return !header.Contains(',') && header.Contains(';') ? ';' : ',';
    }

    public static DomainException Invalid(string message, params object?[] arguments) => DomainException.Invalid(ProblemCodes.CsvInvalid, message, arguments);
}
