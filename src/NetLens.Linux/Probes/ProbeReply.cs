using System.Net;
using NetLens.Core.Trace;

namespace NetLens.Linux.Probes;

/// <summary>What a transport read for one of its probes: the flow and sequence the reply quotes, what it says, who sent it, when (Stopwatch ticks).</summary>
public readonly record struct ProbeReply(int Flow, ushort Sequence, ProbeOutcome Outcome, IPAddress? Responder, long ReceivedAt);
