"""Party documents, action programmes, targets, work programmes and host units' yearly figures."""
