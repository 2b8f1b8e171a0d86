import { isInternalNumber } from './phone-number.js';
/** Recognises trunk legs (the outside world) from channel-name and context patterns, with a number-length fallback. */
export class TrunkRules {
    channelPatterns;
    contextPatterns;
    internalMaxLength;
    constructor(options) {
        this.channelPatterns = options.trunkChannelPatterns.map((p) => new RegExp(p));
        this.contextPatterns = options.trunkContextPatterns.map((p) => new RegExp(p));
        this.internalMaxLength = options.internalMaxLength;
    }
    /** True when no trunk pattern is configured: then only number lengths tell inside from outside. */
    get usesLengthFallback() {
        return this.channelPatterns.length === 0 && this.contextPatterns.length === 0;
    }
    /** Is a leg with this channel name, first context and caller number a trunk leg? */
    isTrunkLeg(channel, firstContext) {
        if (this.channelPatterns.some((re) => re.test(channel)))
            return true;
        return firstContext !== '' && this.contextPatterns.some((re) => re.test(firstContext));
    }
    /** Length fallback: a number longer than an extension is external. */
    isExternalNumber(value) {
        return /^\+?\d+$/.test(value) && !isInternalNumber(value, this.internalMaxLength);
    }
}
