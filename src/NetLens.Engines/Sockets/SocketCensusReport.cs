using NetLens.Core.Sockets;
using NetLens.Linux.SockDiag;

namespace NetLens.Engines.Sockets;

/// <summary>`sockets -s` and `--check` in one value: the census, its figures as ss -s prints them, and what the checks found.</summary>
public sealed record SocketCensusReport(SocketCensus Census, SocketSummary Figures, IReadOnlyList<SocketFinding> Findings);
